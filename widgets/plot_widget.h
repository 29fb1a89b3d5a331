// A QCustomPlot that never draws into an empty area. A plot in a tab or page not on screen can
// be laid out to 0 x 0; QCustomPlot replots on every resize, into paint buffers of no pixels
// (which Qt reports on stderr). Here a resize to nothing only records the size; the plot draws
// when it has one again. Every plot of the app is one.
#pragma once

#include <qcustomplot.h>

namespace atlas::widgets {

class PlotWidget : public QCustomPlot {
 public:
  using QCustomPlot::QCustomPlot;

  /// Arranges the plot for a drawing `size` logical pixels large, before it is laid out: a plot
  /// whose arrangement depends on its size (panels side by side or stacked, titles broken to
  /// their panel's width) does it here, and calls it itself before each replot. The figure
  /// export calls it at the figure's size, then at the widget's again. Most plots need nothing.
  virtual void arrangeFor(QSize /*size*/) {}

 protected:
  void resizeEvent(QResizeEvent* event) override {
    if (event->size().isEmpty()) {
      QWidget::resizeEvent(event);  // nothing to draw into: drawn at the next real size
      return;
    }
    QCustomPlot::resizeEvent(event);
  }
};

}  // namespace atlas::widgets
