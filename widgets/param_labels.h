// Translated labels and tooltips of the parameters, looked up by variant id and parameter name
// (a row for one variant overrides the row shared by every variant with that name).
#pragma once

#include <QString>

#include <string>

namespace atlas::widgets {

/// The label of a parameter ("Heads" / "注意力头数"); empty when the table has no entry
/// (a test checks every parameter of every registered variant has one).
QString paramLabel(const std::string& variant, const std::string& name);
/// A one-line translated explanation for the tooltip; empty when none.
QString paramTooltip(const std::string& variant, const std::string& name);

}  // namespace atlas::widgets
