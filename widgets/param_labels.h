// Translated labels and tooltips of the parameters, looked up by the core's parameter names.
#pragma once

#include <QString>

namespace atlas::widgets {

/// The label of a parameter ("Heads" / "注意力头数"); empty when the table has no entry
/// (a test checks every parameter of every registered variant has one).
QString paramLabel(const std::string& name);
/// A one-line translated explanation for the tooltip; empty when none.
QString paramTooltip(const std::string& name);

}  // namespace atlas::widgets
