#include "json_out.h"

namespace atlas::app::cli {

namespace {
QJsonValue numberValue(core::ParamKind kind, double v) {
  if (kind == core::ParamKind::Bool) return v != 0.0;
  if (kind == core::ParamKind::Int) return static_cast<qint64>(v);
  return v;
}
}  // namespace

QJsonObject variantToJson(const core::Variant& variant) {
  QJsonArray params;
  for (const core::ParamSpec& s : variant.params()) {
    QJsonObject p{{"name", QString::fromStdString(s.name)},
                  {"type", core::paramKindName(s.kind)},
                  {"description", QString::fromStdString(s.description)}};
    if (s.kind == core::ParamKind::Matrix) {
      p["shape"] = QString::fromStdString(s.defaultText);
      p["default"] = "random (seeded)";
    } else if (s.kind == core::ParamKind::Text) {
      p["default"] = QString::fromStdString(s.defaultText);
    } else {
      p["default"] = numberValue(s.kind, s.defaultValue);
      p["min"] = numberValue(s.kind, s.min);
      p["max"] = numberValue(s.kind, s.max);
    }
    params.append(p);
  }
  return {{"id", QString::fromStdString(variant.id())},
          {"family", core::familyId(variant.family())},
          {"description", QString::fromStdString(variant.description())},
          {"parameters", params}};
}

QJsonObject paramsToJson(const core::Variant& variant, const core::ParamSet& params) {
  QJsonObject o;
  for (const core::ParamSpec& s : variant.params()) {
    const QString key = QString::fromStdString(s.name);
    if (s.kind == core::ParamKind::Matrix) {
      if (params.matrix(s.name)) o[key] = "params/" + key + ".npy";
    } else if (s.kind == core::ParamKind::Text) {
      o[key] = QString::fromStdString(params.text(s.name));
    } else {
      o[key] = numberValue(s.kind, params.number(s.name));
    }
  }
  return o;
}

QJsonObject costToJson(const core::Cost& cost) {
  QJsonArray terms;
  for (const auto& t : cost.terms)
    terms.append(QJsonObject{{"name", QString::fromStdString(t.name)},
                             {"flops", t.flops},
                             {"exps", t.exps},
                             {"bytes", t.bytes}});
  return {{"flops", cost.flops()},
          {"exps", cost.exps()},
          {"bytes", cost.bytes()},
          {"peak", cost.peak},
          {"terms", terms}};
}

}  // namespace atlas::app::cli
