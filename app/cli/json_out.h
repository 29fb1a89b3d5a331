// JSON descriptions of variants, parameters, costs and results (for --json and meta.json).
#pragma once

#include "core/io/json.h"
#include "core/variant.h"

namespace atlas::app::cli {

/// {"id", "family", "description", "parameters": [{"name", "type", "default", "min", "max",
/// "description"}...]}; matrices give "shape" instead of a default and a range.
core::io::JsonObject variantToJson(const core::Variant& variant);

/// Resolved parameter values: numbers, booleans, texts; each matrix as its file "params/NAME.npy".
core::io::JsonObject paramsToJson(const core::Variant& variant, const core::ParamSet& params);

/// {"flops", "exps", "bytes", "peak", "terms": [...]}.
core::io::JsonObject costToJson(const core::Cost& cost);

}  // namespace atlas::app::cli
