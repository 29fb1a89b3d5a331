// A small command-line parser with precise errors: `--name value`, `--name=value`, flags and
// repeatable options. Usage errors are core::Error(InvalidArgument), reported like bad input.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace atlas::app::cli {

struct OptionSpec {
  std::string name;        ///< without the dashes
  bool takesValue = true;  ///< false: a flag
  bool repeatable = false;
  std::string valueName;  ///< for help: "N", "FILE"
  std::string help;
};

class Args {
 public:
  /// Parses argv[first..] for `command`. Throws on an unknown option, a missing value, a
  /// repeated non-repeatable option or a stray positional argument.
  Args(int argc, char** argv, int first, std::string command, std::vector<OptionSpec> specs);

  bool has(const std::string& name) const { return m_values.count(name) > 0; }
  const std::string& value(const std::string& name) const;
  std::string valueOr(const std::string& name, const std::string& fallback) const;
  std::vector<std::string> values(const std::string& name) const;
  /// A whole number in [min, max], or `fallback` when absent.
  long long integer(const std::string& name, long long fallback, long long min,
                    long long max) const;
  double real(const std::string& name, double fallback, double min, double max) const;
  const std::string& command() const { return m_command; }

 private:
  std::string m_command;
  std::map<std::string, std::vector<std::string>> m_values;
};

/// Help text for a command: usage line plus one line per option.
std::string helpText(const std::string& usage, const std::vector<OptionSpec>& specs);
/// The option lines of helpText alone: "  --name VALUE" padded to a column, then the help.
std::string optionLines(const std::vector<OptionSpec>& specs);

}  // namespace atlas::app::cli
