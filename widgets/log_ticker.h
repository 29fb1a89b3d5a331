// A logarithmic ticker for small parts. QCPAxisTickerLog falls back to linear steps when fewer
// than 1.6 powers of its base are visible (a k axis from 1 to 20 read "5 10 15 20", crowded into
// "7.5 1012.515" in a small part), and over many decades rounds its step so that a short axis
// gets five or more labels on top of each other. This one ticks at 1, 2 and 5 times the powers
// of ten over a short range, and otherwise at every s-th power, s the whole number of powers
// that keeps the labels to about tickCount().
#pragma once

#include <qcustomplot.h>

namespace atlas::widgets {

class LogTicker : public QCPAxisTickerLog {
 protected:
  QVector<double> createTickVector(double tickStep, const QCPRange& range) override;
  int getSubTickCount(double tickStep) override;

 private:
  int m_powersApart = 1;  ///< of the last ticks: 0 for 1-2-5 ticks
};

/// Gives a logarithmic `axis` (complexity::setLogAxis) a LogTicker of the same base and
/// sub-ticks, with about `ticks` labels.
void useLogTicker(QCPAxis* axis, int ticks);

}  // namespace atlas::widgets
