#include "error_text.h"

#include <QCoreApplication>

namespace atlas::widgets {
namespace {

// Every sentence format of core::Error, as written in core/ (test_translations checks that this
// list and the sources agree). Translations live in translations/atlas_zh_CN.ts.
const char* const kFormats[] = {
    QT_TRANSLATE_NOOP("CoreErrors",
                      "Head %1 does not exist: the result has %2 head(s), numbered from 0."),
    QT_TRANSLATE_NOOP("CoreErrors",
                      "The low-rank analysis of a %1 x %2 weight matrix would take too long; it "
                      "works up to %3 keys and %4 million weights."),
    QT_TRANSLATE_NOOP(
        "CoreErrors",
        "The projected length k must be between 1 and the number of keys (%1), not %2."),
    QT_TRANSLATE_NOOP("CoreErrors",
                      "E and F must both be k x %1 (one column per key), not %2 and %3."),
    QT_TRANSLATE_NOOP(
        "CoreErrors",
        "Head %1 of the result does not match the given inputs (Q %2 x %3, K %4 x %5, V %6 x %7)."),
    QT_TRANSLATE_NOOP("CoreErrors",
                      "Linformer needs queries as wide as the keys, but head %1 has %2 query and "
                      "%3 key columns."),
    QT_TRANSLATE_NOOP("CoreErrors", "The number of repeats must be at least 1, not %1."),
    QT_TRANSLATE_NOOP("CoreErrors", "The width d must be at least 1, not %1."),
    QT_TRANSLATE_NOOP("CoreErrors", "Every N must be at least 1, not %1."),
    QT_TRANSLATE_NOOP("CoreErrors",
                      "%1 needs a comma-separated list of whole numbers from 1 to %2, not '%3'."),
    QT_TRANSLATE_NOOP("CoreErrors", "'%1' ran out of memory."),
    QT_TRANSLATE_NOOP("CoreErrors", "'%1' failed: %2"),
    QT_TRANSLATE_NOOP("CoreErrors",
                      "'%1' at N = %2, M = %3 needs about %4, more than the memory limit of %5."),
    QT_TRANSLATE_NOOP("CoreErrors",
                      "Unknown input '%1': use random, positional, clustered or sentence:TEXT."),
    QT_TRANSLATE_NOOP("CoreErrors", "The sentence has no tokens: type some words."),
    QT_TRANSLATE_NOOP("CoreErrors",
                      "A sentence attends to itself: M must equal its number of tokens (%1)."),
    QT_TRANSLATE_NOOP("CoreErrors", "N and M must be at least 1."),
    QT_TRANSLATE_NOOP("CoreErrors", "The widths d and dv must be at least 1."),
    QT_TRANSLATE_NOOP("CoreErrors", "Q, K and V must all be non-empty."),
    QT_TRANSLATE_NOOP(
        "CoreErrors",
        "K and V must have the same number of rows (one per key), but K has %1 and V has %2."),
    QT_TRANSLATE_NOOP("CoreErrors", "%1, line %2: an empty field is not a number."),
    QT_TRANSLATE_NOOP("CoreErrors", "%1, line %2: '%3' is not a number."),
    QT_TRANSLATE_NOOP("CoreErrors", "%1, line %2: %3 values where the first row has %4."),
    QT_TRANSLATE_NOOP("CoreErrors", "%1, line %2, column %3: the value is too large for float32."),
    QT_TRANSLATE_NOOP("CoreErrors", "%1: holds no numbers."),
    QT_TRANSLATE_NOOP("CoreErrors",
                      "%1, line %2, column %3: NaN is not allowed; inputs must be finite numbers."),
    QT_TRANSLATE_NOOP("CoreErrors",
                      "%1, line %2, column %3: Inf is not allowed; inputs must be finite numbers."),
    QT_TRANSLATE_NOOP("CoreErrors", "%1: cannot be opened (%2)."),
    QT_TRANSLATE_NOOP("CoreErrors", "%1: cannot be read."),
    QT_TRANSLATE_NOOP("CoreErrors", "%1: cannot be written (%2)."),
    QT_TRANSLATE_NOOP("CoreErrors", "%1: writing failed (disk full?)."),
    QT_TRANSLATE_NOOP("CoreErrors", "%1: unknown file type for %2; give a .npy or .csv file."),
    QT_TRANSLATE_NOOP("CoreErrors", "%1: %2 is empty."),
    QT_TRANSLATE_NOOP("CoreErrors",
                      "%1: %2 must be a 2-D array (rows x columns) or a vector, but this one has "
                      "%3 dimension(s)."),
    QT_TRANSLATE_NOOP(
        "CoreErrors",
        "%1: %2 must be a 2-D array (rows x columns), but this one has %3 dimension(s)."),
    QT_TRANSLATE_NOOP("CoreErrors", "%1: the header has no '%2' entry."),
    QT_TRANSLATE_NOOP("CoreErrors", "%1: the header is malformed near '%2'."),
    QT_TRANSLATE_NOOP("CoreErrors", "%1: the header's shape is not closed."),
    QT_TRANSLATE_NOOP("CoreErrors", "%1: the header's shape %2 is not valid."),
    QT_TRANSLATE_NOOP("CoreErrors",
                      "%1: not a .npy file (its first bytes are not the NumPy magic string)."),
    QT_TRANSLATE_NOOP("CoreErrors", "%1: the file is truncated inside its header."),
    QT_TRANSLATE_NOOP("CoreErrors", "%1: unsupported .npy format version %2."),
    QT_TRANSLATE_NOOP("CoreErrors", "%1: the header is not a dictionary."),
    QT_TRANSLATE_NOOP("CoreErrors", "%1: the header's shape is not a tuple."),
    QT_TRANSLATE_NOOP(
        "CoreErrors",
        "%1: unsupported dtype %2; save Q, K, V as float32 or float64 (little-endian)."),
    QT_TRANSLATE_NOOP("CoreErrors",
                      "%1: Fortran-order arrays are not supported; save it in C order "
                      "(numpy.ascontiguousarray)."),
    QT_TRANSLATE_NOOP("CoreErrors", "%1: the header's fortran_order is neither True nor False."),
    QT_TRANSLATE_NOOP("CoreErrors", "%1: the shape %2 is too large."),
    QT_TRANSLATE_NOOP(
        "CoreErrors",
        "%1: truncated: shape %2 needs %3 bytes of data but only %4 follow the header."),
    QT_TRANSLATE_NOOP("CoreErrors",
                      "%1: contains NaN at flat index %2; inputs must be finite numbers."),
    QT_TRANSLATE_NOOP("CoreErrors",
                      "%1: contains Inf at flat index %2; inputs must be finite numbers."),
    QT_TRANSLATE_NOOP("CoreErrors", "%1: the value at flat index %2 is too large for float32."),
    QT_TRANSLATE_NOOP("CoreErrors", "'%1' is not a memory size: write for example 512M or 2G."),
    QT_TRANSLATE_NOOP(
        "CoreErrors",
        "Parameter '%1' of '%2' is a matrix (%3): give a .npy file, as in --set %1=file.npy."),
    QT_TRANSLATE_NOOP("CoreErrors", "Parameter '%1' of '%2' must be true or false, not '%3'."),
    QT_TRANSLATE_NOOP("CoreErrors", "Parameter '%1' of '%2' must be between %3 and %4, not %5."),
    QT_TRANSLATE_NOOP("CoreErrors",
                      "Parameter '%1' of '%2' is not a matrix: give its value, not a file."),
    QT_TRANSLATE_NOOP("CoreErrors", "Variant '%1' has no parameter '%2' (it has none)."),
    QT_TRANSLATE_NOOP("CoreErrors", "Variant '%1' has no parameter '%2' (it has %3)."),
    QT_TRANSLATE_NOOP("CoreErrors", "Parameter '%1' of '%2' must be a whole number, not '%3'."),
    QT_TRANSLATE_NOOP("CoreErrors", "Parameter '%1' of '%2' must be a number, not '%3'."),
    QT_TRANSLATE_NOOP("CoreErrors", "Unknown variant '%1' (known: %2)."),
    QT_TRANSLATE_NOOP("CoreErrors",
                      "'%1' works channel by channel and needs Q, K and V of the same width, but "
                      "they have %2, %3 and %4 columns."),
    QT_TRANSLATE_NOOP(
        "CoreErrors",
        "'%1' with span %2 leaves query row %3 without any key (M = %4): use a larger span."),
    QT_TRANSLATE_NOOP("CoreErrors",
                      "'%1' was set to queries of width dq = %2, but Q has %3 columns."),
    QT_TRANSLATE_NOOP("CoreErrors",
                      "Parameter %1 of '%2' must be %3 x %4 but the given matrix is %5 x %6."),
    QT_TRANSLATE_NOOP("CoreErrors",
                      "'%1' needs queries as wide as the keys (%2 columns), but Q has %3."),
    QT_TRANSLATE_NOOP(
        "CoreErrors",
        "'%1' needs the width of Q and K (%2) to be divisible by the number of heads (%3)."),
    QT_TRANSLATE_NOOP(
        "CoreErrors",
        "'%1' needs the width of V (%2) to be divisible by the number of heads (%3)."),
    QT_TRANSLATE_NOOP(
        "CoreErrors",
        "'%1' needs the number of heads (%2) to be divisible by the number of groups (%3)."),
    QT_TRANSLATE_NOOP("CoreErrors",
                      "'%1' needs K with groups x dq / heads = %2 columns, but K has %3."),
    QT_TRANSLATE_NOOP(
        "CoreErrors",
        "'%1' needs the width of V (%2) to be divisible by the number of groups (%3)."),
    QT_TRANSLATE_NOOP("CoreErrors",
                      "'%1' uses F = E while share_ef is on: set share_ef to false to supply F."),
    QT_TRANSLATE_NOOP(
        "CoreErrors",
        "'%1' needs an even number of buckets (it hashes with b/2 rotations), not %2."),
    QT_TRANSLATE_NOOP(
        "CoreErrors",
        "'%1' has no head pattern named '%2'; the patterns are local, strided, global and full."),
    QT_TRANSLATE_NOOP("CoreErrors",
                      "'%1' was given a W2 with %2 columns (one per key), but the input has M = %3 "
                      "keys; they must agree."),
};

}  // namespace

QString errorText(const std::string& format, const std::vector<std::string>& args) {
  QString text = QCoreApplication::translate("CoreErrors", format.c_str());
  // Fill %1..%9 in one pass, so an argument containing "%2" is never substituted again.
  QString out;
  for (qsizetype i = 0; i < text.size(); ++i) {
    const QChar c = text[i];
    if (c == u'%' && i + 1 < text.size() && text[i + 1] >= u'1' && text[i + 1] <= u'9') {
      const auto a = static_cast<std::size_t>(text[i + 1].unicode() - u'1');
      if (a < args.size()) {
        out += QString::fromStdString(args[a]);
        ++i;
        continue;
      }
    }
    out += c;
  }
  return out;
}

const char* const* coreErrorFormats(int* count) {
  *count = static_cast<int>(std::size(kFormats));
  return kFormats;
}

}  // namespace atlas::widgets
