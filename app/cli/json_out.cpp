#include "json_out.h"

namespace atlas::app::cli {

using core::io::Json;
using core::io::JsonArray;
using core::io::JsonObject;

namespace {
Json numberValue(core::ParamKind kind, double v) {
  if (kind == core::ParamKind::Bool) return v != 0.0;
  if (kind == core::ParamKind::Int) return static_cast<std::int64_t>(v);
  return v;
}
}  // namespace

JsonObject variantToJson(const core::Variant& variant) {
  JsonArray params;
  for (const core::ParamSpec& s : variant.params()) {
    JsonObject p{
        {"name", s.name}, {"type", core::paramKindName(s.kind)}, {"description", s.description}};
    if (s.kind == core::ParamKind::Matrix) {
      p["shape"] = s.defaultText;
      p["default"] = "random (seeded)";
    } else if (s.kind == core::ParamKind::Text) {
      p["default"] = s.defaultText;
    } else {
      p["default"] = numberValue(s.kind, s.defaultValue);
      p["min"] = numberValue(s.kind, s.min);
      p["max"] = numberValue(s.kind, s.max);
    }
    params.append(p);
  }
  return {{"id", variant.id()},
          {"family", core::familyId(variant.family())},
          {"description", variant.description()},
          {"parameters", params}};
}

JsonObject paramsToJson(const core::Variant& variant, const core::ParamSet& params) {
  JsonObject o;
  for (const core::ParamSpec& s : variant.params()) {
    if (s.kind == core::ParamKind::Matrix) {
      if (params.matrix(s.name)) o[s.name] = "params/" + s.name + ".npy";
    } else if (s.kind == core::ParamKind::Text) {
      o[s.name] = params.text(s.name);
    } else {
      o[s.name] = numberValue(s.kind, params.number(s.name));
    }
  }
  return o;
}

JsonObject costToJson(const core::Cost& cost) {
  JsonArray terms;
  for (const auto& t : cost.terms)
    terms.append(
        JsonObject{{"name", t.name}, {"flops", t.flops}, {"exps", t.exps}, {"bytes", t.bytes}});
  return {{"flops", cost.flops()},
          {"exps", cost.exps()},
          {"bytes", cost.bytes()},
          {"peak", cost.peak},
          {"terms", terms}};
}

}  // namespace atlas::app::cli
