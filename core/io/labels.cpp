#include "labels.h"

#include "file_bytes.h"

#include "../types.h"

namespace atlas::core::io {
namespace {

std::string trimmed(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string::npos) return {};
  const auto last = s.find_last_not_of(" \t\r");
  return s.substr(first, last - first + 1);
}

/// Whether `s` is well-formed UTF-8 text: no control characters but tab and line ends, every
/// lead byte followed by its continuation bytes.
bool isUtf8Text(const std::string& s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return false;
    if (c < 0x80) continue;
    const std::size_t extra = (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : 0;
    if (extra == 0 || i + extra >= s.size()) return false;
    for (std::size_t k = 1; k <= extra; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
    i += extra;
  }
  return true;
}

}  // namespace

std::vector<std::string> readLabelsFile(const std::string& path) {
  const std::string text = readFileBytes(path);
  if (!isUtf8Text(text))
    throw Error(
        Error::Kind::BadFile,
        ATLAS_TR_NOOP("CoreErrors", "%1: a labels file must be UTF-8 text, one label a line."),
        {path});
  std::vector<std::string> labels;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    const std::string line = text.substr(start, end == std::string::npos ? end : end - start);
    labels.push_back(trimmed(line));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  if (labels.empty())
    throw Error(Error::Kind::BadFile, ATLAS_TR_NOOP("CoreErrors", "%1: holds no labels."), {path});
  return labels;
}

std::vector<std::string> splitLabels(const std::string& text) {
  std::vector<std::string> labels;
  if (trimmed(text).empty()) return labels;
  std::size_t start = 0;
  for (;;) {
    const auto comma = text.find(',', start);
    labels.push_back(
        trimmed(text.substr(start, comma == std::string::npos ? comma : comma - start)));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return labels;
}

}  // namespace atlas::core::io
