// Token labels for inputs read from files: the names of the queries and keys on the axes.
#pragma once

#include <string>
#include <vector>

namespace atlas::core::io {

/// The labels in the UTF-8 text file `path`, one per line (a line's ends are trimmed of
/// spaces and tabs; a trailing empty line is not a label). Throws Error(BadFile) for a file that
/// cannot be read, holds no label, or is not UTF-8 text.
std::vector<std::string> readLabelsFile(const std::string& path);

/// The labels of a comma-separated list ("鹿, 牛, 羊"), each trimmed; empty entries are kept
/// as empty labels except that an empty text has none.
std::vector<std::string> splitLabels(const std::string& text);

}  // namespace atlas::core::io
