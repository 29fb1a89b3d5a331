// The core's user-visible text in the UI language. The core writes English strings marked for
// translation (ATLAS_TR_NOOP, core/translatable.h); this is the one place that translates them:
// variant and family names, parameter labels and descriptions, cost term names and error
// sentences (whose %1..%9 arguments are filled in after translation).
#pragma once

#include "core/engine.h"

#include <QString>

namespace atlas::widgets {

/// The label of a variant id ("Scaled dot-product attention" / "缩放点积注意力"); empty for an
/// unknown id.
QString variantLabel(const std::string& id);
QString familyLabel(core::Family family);

/// A parameter's short label and its one-sentence description (the tooltip).
QString paramLabel(const core::ParamSpec& spec);
QString paramDescription(const core::ParamSpec& spec);

/// The name of a cost term: its word translated, a formula ("QK^T") as it is.
QString costTermName(const std::string& name);

/// An error sentence: the core's format translated (context "CoreErrors"), then its arguments
/// filled in, each once (an argument containing "%2" is never substituted again).
QString errorText(const std::string& format, const std::vector<std::string>& args);
inline QString errorText(const core::Error& e) { return errorText(e.format(), e.args()); }

/// A sentence the core marked for translation in `context` (ATLAS_TR_NOOP), translated, then
/// its %1..%9 filled in with `args`, each once.
QString translatedText(const char* context, const char* format,
                       const std::vector<std::string>& args);

}  // namespace atlas::widgets
