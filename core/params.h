// Parameter specifications of a variant and the resolved values a computation uses.
#pragma once

#include "translatable.h"
#include "types.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace atlas::core {

enum class ParamKind {
  Int,     ///< whole number in [min, max]
  Real,    ///< real number in [min, max]
  Bool,    ///< true/false (1/0)
  Text,    ///< free text, e.g. a comma-separated list of pattern names
  Matrix,  ///< a random or learned matrix: drawn from the seed unless supplied from a .npy file
};

const char* paramKindName(ParamKind kind);

/// What a parameter means to code outside its variant, which never matches parameters by name:
/// the causal mask (`--causal`) and the number of heads (an axis of the complexity view).
enum class ParamRole { None, Causal, Heads };

struct ParamSpec {
  std::string name;  ///< as in --set NAME=VALUE and the files
  ParamKind kind = ParamKind::Int;
  double defaultValue = 0;  ///< Int, Real, Bool
  double min = 0;
  double max = 0;
  std::string defaultText;  ///< Text; for Matrix, the shape, e.g. "dk x hidden"
  /// English, marked for translation (context "Params"): a short label for the window, and one
  /// sentence the CLI prints and the window shows as the tooltip.
  const char* label = "";
  const char* description = "";
  ParamRole role = ParamRole::None;
};

// Spec builders; labels and descriptions are ATLAS_TR_NOOP("Params", ...) literals.
ParamSpec intParam(std::string name, double defaultValue, double min, double max, const char* label,
                   const char* description);
ParamSpec realParam(std::string name, double defaultValue, double min, double max,
                    const char* label, const char* description);
ParamSpec boolParam(std::string name, bool defaultValue, const char* label,
                    const char* description);
ParamSpec textParam(std::string name, std::string defaultText, const char* label,
                    const char* description);
/// `shape` in words, e.g. "dk x hidden" (a vector: no " x ").
ParamSpec matrixParam(std::string name, std::string shape, const char* label,
                      const char* description);

/// Resolved parameters: every numeric and text spec has a value; matrices hold what the user
/// supplied before compute and, in a result, every matrix the variant actually used.
struct ParamSet {
  std::uint64_t seed = 0;  ///< seeds every random parameter (one stream per symbol)
  std::map<std::string, double> numbers;
  std::map<std::string, std::string> texts;
  std::map<std::string, core::Matrix> matrices;

  double number(const std::string& name) const;
  int integer(const std::string& name) const { return static_cast<int>(number(name)); }
  bool flag(const std::string& name) const { return number(name) != 0.0; }
  const std::string& text(const std::string& name) const;
  const core::Matrix* matrix(const std::string& name) const;
};

/// The defaults of every spec (matrices left to the seed).
ParamSet defaultParams(const std::vector<ParamSpec>& specs);

/// Sets one parameter from its textual value, as given by `--set name=value` or a UI field.
/// Throws Error(InvalidArgument) naming the parameter, with the accepted range, for an unknown
/// name, a value that is not a number of the right kind, or a value out of range.
/// Matrix parameters are not set here (see setMatrixParam).
void setParam(ParamSet& params, const std::vector<ParamSpec>& specs, const std::string& variant,
              const std::string& name, const std::string& value);

/// Supplies a matrix parameter (from a file). Throws for a name that is not a matrix parameter.
void setMatrixParam(ParamSet& params, const std::vector<ParamSpec>& specs,
                    const std::string& variant, const std::string& name, core::Matrix value);

const ParamSpec* findSpec(const std::vector<ParamSpec>& specs, const std::string& name);
/// The spec with this role, or nullptr.
const ParamSpec* findRole(const std::vector<ParamSpec>& specs, ParamRole role);

/// Formats a number the way the CLI and meta.json print it (integers without a fraction).
std::string formatNumber(double value);

}  // namespace atlas::core
