#include "csv.h"

#include "file_bytes.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <vector>

namespace atlas::core::io {
namespace {

std::vector<std::string> splitFields(const std::string& line) {
  std::vector<std::string> fields;
  std::string cur;
  bool any = false;
  auto push = [&] {
    // Trim spaces around a field.
    const auto b = cur.find_first_not_of(" \t\"");
    const auto e = cur.find_last_not_of(" \t\"");
    fields.push_back(b == std::string::npos ? "" : cur.substr(b, e - b + 1));
    cur.clear();
  };
  const bool hasDelimiter = line.find_first_of(",;\t") != std::string::npos;
  for (char c : line) {
    const bool sep = hasDelimiter ? (c == ',' || c == ';' || c == '\t') : (c == ' ');
    if (sep) {
      if (hasDelimiter || !cur.empty()) push();
      any = true;
    } else {
      cur += c;
    }
  }
  if (!cur.empty() || (any && hasDelimiter)) push();
  return fields;
}

bool parseNumber(const std::string& s, double& v) {
  const char* first = s.data();
  if (s.size() > 1 && s[0] == '+' && s[1] != '-' && s[1] != '+') ++first;
  auto [ptr, ec] = std::from_chars(first, s.data() + s.size(), v);
  if (ec == std::errc::result_out_of_range && ptr == s.data() + s.size()) {
    // A number beyond double's range: one too small is 0 (or the nearest subnormal) as numpy
    // reads it, one too large is kept as the largest double, so the float32 check names it.
    const double r = std::strtod(std::string(first, ptr).c_str(), nullptr);
    v = std::isinf(r) ? std::copysign(std::numeric_limits<double>::max(), r) : r;
    return true;
  }
  return ec == std::errc() && ptr == s.data() + s.size();
}

}  // namespace

Matrix parseCsv(const std::string& text, const std::string& name) {
  // UTF-16 (what some spreadsheets save) reads as numbers between NUL bytes: say what it is.
  if (text.rfind("\xFF\xFE", 0) == 0 || text.rfind("\xFE\xFF", 0) == 0 ||
      text.find('\0') != std::string::npos)
    throw Error(Error::Kind::BadFile,
                ATLAS_TR_NOOP("CoreErrors",
                              "%1: the file is not text in UTF-8 (it looks like UTF-16 or binary): "
                              "save it as CSV in UTF-8."),
                {name});
  std::vector<float> values;
  std::size_t cols = 0, rows = 0, lineNo = 0;
  bool first = true;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(pos, end - pos);
    pos = end + 1;
    ++lineNo;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (lineNo == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // UTF-8 BOM
    if (line.find_first_not_of(" \t") == std::string::npos ||
        line[line.find_first_not_of(" \t")] == '#')
      continue;
    const auto fields = splitFields(line);
    std::vector<double> row;
    row.reserve(fields.size());
    std::string bad;
    bool badSeen = false, anyNumber = false;
    for (const auto& f : fields) {
      double v;
      if (parseNumber(f, v)) {
        anyNumber = true;
        row.push_back(v);
      } else if (!badSeen) {
        badSeen = true;
        bad = f;
      }
    }
    if (badSeen) {
      if (first && !anyNumber) {  // a header line of column names: no field is a number
        first = false;
        continue;
      }
      if (bad.empty())
        throw Error(Error::Kind::BadFile,
                    ATLAS_TR_NOOP("CoreErrors", "%1, line %2: an empty field is not a number."),
                    {name, num(long(lineNo))});
      throw Error(Error::Kind::BadFile,
                  ATLAS_TR_NOOP("CoreErrors", "%1, line %2: '%3' is not a number."),
                  {name, num(long(lineNo)), bad});
    }
    first = false;
    if (cols == 0) cols = row.size();
    if (row.size() != cols)
      throw Error(Error::Kind::BadFile,
                  ATLAS_TR_NOOP("CoreErrors", "%1, line %2: %3 values where the first row has %4."),
                  {name, num(long(lineNo)), num(long(row.size())), num(long(cols))});
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (!std::isfinite(row[c]))
        throw Error(
            Error::Kind::BadFile,
            std::isnan(row[c])
                ? ATLAS_TR_NOOP(
                      "CoreErrors",
                      "%1, line %2, column %3: NaN is not allowed; inputs must be finite numbers.")
                : ATLAS_TR_NOOP(
                      "CoreErrors",
                      "%1, line %2, column %3: Inf is not allowed; inputs must be finite numbers."),
            {name, num(long(lineNo)), num(long(c + 1))});
      if (std::abs(row[c]) > std::numeric_limits<float>::max())
        throw Error(Error::Kind::BadFile,
                    ATLAS_TR_NOOP("CoreErrors",
                                  "%1, line %2, column %3: the value is too large for float32."),
                    {name, num(long(lineNo)), num(long(c + 1))});
      values.push_back(static_cast<float>(row[c]));
    }
    ++rows;
  }
  if (rows == 0 || cols == 0)
    throw Error(Error::Kind::BadFile, ATLAS_TR_NOOP("CoreErrors", "%1: holds no numbers."), {name});
  Matrix m(static_cast<Index>(rows), static_cast<Index>(cols));
  std::copy(values.begin(), values.end(), m.data());
  return m;
}

Matrix readCsv(const std::string& path) { return parseCsv(readFileBytes(path), path); }

}  // namespace atlas::core::io
