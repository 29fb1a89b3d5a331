#include "types.h"

namespace atlas::core {

namespace {

/// Bytes of the UTF-8 sequence starting at s[i] if it is a valid one (not overlong, not a
/// surrogate, at most U+10FFFF), else 0.
std::size_t utf8Length(const std::string& s, std::size_t i) {
  const auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = at(i);
  std::size_t n = c < 0x80           ? 1
                  : (c >> 5) == 0x6  ? 2
                  : (c >> 4) == 0xE  ? 3
                  : (c >> 3) == 0x1E ? 4
                                     : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((at(i + k) & 0xC0) != 0x80) return 0;
  if (n == 2 && c < 0xC2) return 0;                        // overlong
  if (n == 3 && c == 0xE0 && at(i + 1) < 0xA0) return 0;   // overlong
  if (n == 3 && c == 0xED && at(i + 1) >= 0xA0) return 0;  // surrogate
  if (n == 4 && (c > 0xF4 || (c == 0xF0 && at(i + 1) < 0x90) || (c == 0xF4 && at(i + 1) >= 0x90)))
    return 0;
  return n;
}

}  // namespace

std::vector<std::string> Error::printable(std::vector<std::string> args) {
  static const char* hex = "0123456789abcdef";
  for (std::string& a : args) {
    std::string out;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < a.size();) {
      if (chars == kMaxArgument) {
        out += "...";
        break;
      }
      const unsigned char c = static_cast<unsigned char>(a[i]);
      const std::size_t n = utf8Length(a, i);
      if (n == 0 || c < 0x20 || c == 0x7F) {
        out += "\\x";
        out += hex[c >> 4];
        out += hex[c & 0xF];
        ++i;
      } else {
        out.append(a, i, n);
        i += n;
      }
      ++chars;
    }
    a = std::move(out);
  }
  return args;
}

}  // namespace atlas::core
