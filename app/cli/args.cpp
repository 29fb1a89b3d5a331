#include "args.h"

#include "core/types.h"

#include <charconv>
#include <cmath>

namespace atlas::app::cli {

using core::Error;

namespace {
[[noreturn]] void usage(const std::string& command, const std::string& what) {
  // A command of attention-atlas ("compute"), or a program of its own (attention-atlas-device).
  const std::string program =
      command.rfind("attention-atlas", 0) == 0 ? command : "attention-atlas " + command;
  throw Error(Error::Kind::InvalidArgument, what + " (see: " + program + " --help).");
}
}  // namespace

Args::Args(int argc, char** argv, int first, std::string command, std::vector<OptionSpec> specs)
    : m_command(std::move(command)) {
  for (int i = first; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("--", 0) != 0 || arg.size() == 2)
      usage(m_command, "Unexpected argument '" + arg + "' for '" + m_command + "'");
    std::string name = arg.substr(2), value;
    bool inlineValue = false;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      inlineValue = true;
    }
    const OptionSpec* spec = nullptr;
    for (const auto& s : specs)
      if (s.name == name) spec = &s;
    if (!spec) usage(m_command, "Unknown option '--" + name + "' for '" + m_command + "'");
    if (spec->takesValue && !inlineValue) {
      if (i + 1 >= argc) usage(m_command, "Option '--" + name + "' needs a value");
      value = argv[++i];
    } else if (!spec->takesValue && inlineValue) {
      usage(m_command, "Option '--" + name + "' takes no value");
    }
    auto& slot = m_values[name];
    if (!slot.empty() && !spec->repeatable)
      usage(m_command, "Option '--" + name + "' is given twice");
    slot.push_back(value);
  }
}

const std::string& Args::value(const std::string& name) const { return m_values.at(name).front(); }

std::string Args::valueOr(const std::string& name, const std::string& fallback) const {
  return has(name) ? value(name) : fallback;
}

std::vector<std::string> Args::values(const std::string& name) const {
  auto it = m_values.find(name);
  return it == m_values.end() ? std::vector<std::string>{} : it->second;
}

long long Args::integer(const std::string& name, long long fallback, long long min,
                        long long max) const {
  if (!has(name)) return fallback;
  const std::string& s = value(name);
  long long v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || v < min || v > max) {
    throw Error(Error::Kind::InvalidArgument, "--" + name + " must be a whole number from " +
                                                  std::to_string(min) + " to " +
                                                  std::to_string(max) + ", not '" + s + "'.");
  }
  return v;
}

double Args::real(const std::string& name, double fallback, double min, double max) const {
  if (!has(name)) return fallback;
  const std::string& s = value(name);
  double v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v) || v < min || v > max) {
    throw Error(Error::Kind::InvalidArgument, "--" + name + " must be a number from " +
                                                  std::to_string(min) + " to " +
                                                  std::to_string(max) + ", not '" + s + "'.");
  }
  return v;
}

std::string helpText(const std::string& usageLine, const std::vector<OptionSpec>& specs) {
  return "usage: " + usageLine + "\n\noptions:\n" + optionLines(specs);
}

std::string optionLines(const std::vector<OptionSpec>& specs) {
  std::string out;
  for (const auto& s : specs) {
    std::string left = "  --" + s.name + (s.takesValue ? " " + s.valueName : "");
    if (left.size() < 28)
      left.append(28 - left.size(), ' ');
    else
      left += "\n" + std::string(28, ' ');
    out += left + s.help + "\n";
  }
  return out;
}

}  // namespace atlas::app::cli
