// Scaling a drawn plot's type and lines by a factor: presentation mode's zoom reaches the axes,
// legends, titles and curves a plot made before the window's font changed.
#pragma once

class QCustomPlot;

namespace atlas::widgets {

/// Multiplies every font of `plot` (axes, legend, text elements and items) and, with `pens`,
/// the width of every curve's pen by `ratio`, then replots.
void scalePlot(QCustomPlot* plot, double ratio, bool pens = true);

}  // namespace atlas::widgets
