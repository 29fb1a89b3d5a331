#include "params.h"

#include <charconv>
#include <cmath>
#include <sstream>

namespace atlas::core {

const char* paramKindName(ParamKind kind) {
  switch (kind) {
    case ParamKind::Int:
      return "int";
    case ParamKind::Real:
      return "real";
    case ParamKind::Bool:
      return "bool";
    case ParamKind::Text:
      return "text";
    case ParamKind::Matrix:
      return "matrix";
  }
  return "?";
}

double ParamSet::number(const std::string& name) const {
  auto it = numbers.find(name);
  if (it == numbers.end()) throw std::logic_error("parameter '" + name + "' was never resolved");
  return it->second;
}

const std::string& ParamSet::text(const std::string& name) const {
  auto it = texts.find(name);
  if (it == texts.end()) throw std::logic_error("parameter '" + name + "' was never resolved");
  return it->second;
}

const core::Matrix* ParamSet::matrix(const std::string& name) const {
  auto it = matrices.find(name);
  return it == matrices.end() ? nullptr : &it->second;
}

ParamSet defaultParams(const std::vector<ParamSpec>& specs) {
  ParamSet p;
  for (const auto& s : specs) {
    if (s.kind == ParamKind::Text)
      p.texts[s.name] = s.defaultText;
    else if (s.kind != ParamKind::Matrix)
      p.numbers[s.name] = s.defaultValue;
  }
  return p;
}

const ParamSpec* findSpec(const std::vector<ParamSpec>& specs, const std::string& name) {
  for (const auto& s : specs)
    if (s.name == name) return &s;
  return nullptr;
}

const ParamSpec* findRole(const std::vector<ParamSpec>& specs, ParamRole role) {
  for (const auto& s : specs)
    if (s.role == role) return &s;
  return nullptr;
}

ParamSpec intParam(std::string name, double defaultValue, double min, double max, const char* label,
                   const char* description) {
  return {std::move(name), ParamKind::Int, defaultValue, min, max, {}, label, description};
}

ParamSpec realParam(std::string name, double defaultValue, double min, double max,
                    const char* label, const char* description) {
  return {std::move(name), ParamKind::Real, defaultValue, min, max, {}, label, description};
}

ParamSpec boolParam(std::string name, bool defaultValue, const char* label,
                    const char* description) {
  return {std::move(name), ParamKind::Bool, defaultValue ? 1.0 : 0.0, 0, 1, {}, label, description};
}

ParamSpec textParam(std::string name, std::string defaultText, const char* label,
                    const char* description) {
  return {std::move(name), ParamKind::Text, 0, 0, 0, std::move(defaultText), label, description};
}

ParamSpec matrixParam(std::string name, std::string shape, const char* label,
                      const char* description) {
  return {std::move(name), ParamKind::Matrix, 0, 0, 0, std::move(shape), label, description};
}

std::string formatNumber(double value) {
  if (std::isfinite(value) && value == std::floor(value) && std::abs(value) < 1e15) {
    return std::to_string(static_cast<long long>(value));
  }
  std::ostringstream out;
  out.precision(9);
  out << value;
  return out.str();
}

namespace {

std::string knownNames(const std::vector<ParamSpec>& specs) {
  std::string names;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    if (i) names += ", ";
    names += specs[i].name;
  }
  return names;
}

const ParamSpec& requireSpec(const std::vector<ParamSpec>& specs, const std::string& variant,
                             const std::string& name) {
  const ParamSpec* spec = findSpec(specs, name);
  if (!spec)
    throw Error(
        Error::Kind::InvalidArgument,
        specs.empty()
            ? ATLAS_TR_NOOP("CoreErrors", "Variant '%1' has no parameter '%2' (it has none).")
            : ATLAS_TR_NOOP("CoreErrors", "Variant '%1' has no parameter '%2' (it has %3)."),
        {variant, name, knownNames(specs)});
  return *spec;
}

}  // namespace

void setParam(ParamSet& params, const std::vector<ParamSpec>& specs, const std::string& variant,
              const std::string& name, const std::string& value) {
  const ParamSpec& spec = requireSpec(specs, variant, name);
  switch (spec.kind) {
    case ParamKind::Matrix:
      throw Error(Error::Kind::InvalidArgument,
                  ATLAS_TR_NOOP("CoreErrors",
                                "Parameter '%1' of '%2' is a matrix (%3): give a .npy file, as in "
                                "--set %1=file.npy."),
                  {name, variant, spec.defaultText});
    case ParamKind::Text:
      params.texts[name] = value;
      return;
    case ParamKind::Bool:
      if (value == "true" || value == "1" || value == "yes" || value == "on") {
        params.numbers[name] = 1;
      } else if (value == "false" || value == "0" || value == "no" || value == "off") {
        params.numbers[name] = 0;
      } else {
        throw Error(
            Error::Kind::InvalidArgument,
            ATLAS_TR_NOOP("CoreErrors", "Parameter '%1' of '%2' must be true or false, not '%3'."),
            {name, variant, value});
      }
      return;
    case ParamKind::Int:
    case ParamKind::Real: {
      double v = 0;
      const char* first = value.data();
      const char* last = value.data() + value.size();
      auto [ptr, ec] = std::from_chars(first, last, v);
      const bool isNumber = ec == std::errc() && ptr == last && std::isfinite(v);
      const bool isInt = spec.kind == ParamKind::Int;
      if (!isNumber || (isInt && v != std::floor(v))) {
        throw Error(
            Error::Kind::InvalidArgument,
            isInt
                ? ATLAS_TR_NOOP("CoreErrors",
                                "Parameter '%1' of '%2' must be a whole number, not '%3'.")
                : ATLAS_TR_NOOP("CoreErrors", "Parameter '%1' of '%2' must be a number, not '%3'."),
            {name, variant, value});
      }
      if (v < spec.min || v > spec.max) {
        throw Error(Error::Kind::InvalidArgument,
                    ATLAS_TR_NOOP("CoreErrors",
                                  "Parameter '%1' of '%2' must be between %3 and %4, not %5."),
                    {name, variant, formatNumber(spec.min), formatNumber(spec.max), value});
      }
      params.numbers[name] = v;
      return;
    }
  }
}

void setMatrixParam(ParamSet& params, const std::vector<ParamSpec>& specs,
                    const std::string& variant, const std::string& name, core::Matrix value) {
  const ParamSpec& spec = requireSpec(specs, variant, name);
  if (spec.kind != ParamKind::Matrix)
    throw Error(
        Error::Kind::InvalidArgument,
        ATLAS_TR_NOOP("CoreErrors",
                      "Parameter '%1' of '%2' is not a matrix: give its value, not a file."),
        {name, variant});
  params.matrices[name] = std::move(value);
}

}  // namespace atlas::core
