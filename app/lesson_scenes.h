// A lesson's scene and the window's state, each made from the other: what the window shows
// for a scene (in the UI language's labels), and the scene an author adds from the window.
#pragma once

#include "window_state.h"

#include "core/lesson.h"

namespace atlas::app {

/// The window state that shows `scene`, its labels in `language` ("en", "zh_CN").
WindowState stateOfScene(const core::Scene& scene, const QString& language);

/// The scene of `state`. `base` (may be null) gives the title, the caption and the other
/// language's labels where they still count the rows; a new scene is titled with the variant's
/// name. Throws core::Error for a parameter value the variant does not take.
core::Scene sceneOfState(const WindowState& state, const QString& language,
                         const core::Scene* base);

/// The labels of a comma-separated field, and back.
QString joinLabels(const std::vector<std::string>& labels);

}  // namespace atlas::app
