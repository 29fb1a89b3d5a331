// Core errors in the UI language: the core's English format is translated (context
// "CoreErrors") and its arguments filled in, so a Chinese window shows a Chinese sentence.
#pragma once

#include "core/engine.h"

#include <QString>

namespace atlas::widgets {

QString errorText(const std::string& format, const std::vector<std::string>& args);
inline QString errorText(const core::Error& e) { return errorText(e.format(), e.args()); }
inline QString errorText(const core::JobOutcome& o) {
  return errorText(o.errorFormat, o.errorArgs);
}

/// Every format the core can throw, for lupdate (and a test that keeps the list complete).
const char* const* coreErrorFormats(int* count);

}  // namespace atlas::widgets
