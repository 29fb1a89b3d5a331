// JSON descriptions of variants, parameters, costs and results (for --json and meta.json).
#pragma once

#include "core/variant.h"

#include <QJsonArray>
#include <QJsonObject>

namespace atlas::app::cli {

/// {"id", "family", "description", "parameters": [{"name", "type", "default", "min", "max",
/// "description"}...]}; matrices give "shape" instead of a default and a range.
QJsonObject variantToJson(const core::Variant& variant);

/// Resolved parameter values: numbers, booleans, texts; each matrix as its file "params/NAME.npy".
QJsonObject paramsToJson(const core::Variant& variant, const core::ParamSet& params);

/// {"flops", "exps", "bytes", "peak", "terms": [...]}.
QJsonObject costToJson(const core::Cost& cost);

}  // namespace atlas::app::cli
