#include "log_ticker.h"

#include <cmath>

namespace atlas::widgets {

QVector<double> LogTicker::createTickVector(double tickStep, const QCPRange& range) {
  m_powersApart = 1;
  if (!(range.lower > 0 && range.upper > range.lower))
    return QCPAxisTickerLog::createTickVector(tickStep, range);
  const double base = logBase();
  const double powers = std::log(range.upper / range.lower) / std::log(base);
  const int first = int(std::floor(std::log(range.lower) / std::log(base))) - 1;
  const int last = int(std::ceil(std::log(range.upper) / std::log(base))) + 1;
  QVector<double> ticks;  // the caller trims what lies outside the range
  if (powers >= 1.6) {
    m_powersApart = std::max(1, int(std::ceil(powers / std::max(1, tickCount()))));
    for (int e = first - m_powersApart; e <= last; ++e)
      if (e % m_powersApart == 0) ticks << std::pow(base, e);
    return ticks;
  }
  // A short range: 1, 2 and 5 times each power of ten.
  int inside = 0;
  for (int e = int(std::floor(std::log10(range.lower))) - 1;
       e <= int(std::ceil(std::log10(range.upper))) + 1; ++e)
    for (double mantissa : {1.0, 2.0, 5.0}) {
      const double tick = mantissa * std::pow(10.0, e);
      ticks << tick;
      inside += range.contains(tick);
    }
  if (inside < 2) return QCPAxisTickerLog::createTickVector(tickStep, range);  // a sliver
  m_powersApart = 0;
  return ticks;
}

int LogTicker::getSubTickCount(double tickStep) {
  // Sub-ticks (2, 3, ... 9 between powers of ten) only between neighbouring powers.
  return m_powersApart == 1 ? QCPAxisTickerLog::getSubTickCount(tickStep) : 0;
}

void useLogTicker(QCPAxis* axis, int ticks) {
  auto ticker = QSharedPointer<LogTicker>(new LogTicker);
  if (auto old = qSharedPointerDynamicCast<QCPAxisTickerLog>(axis->ticker())) {
    ticker->setLogBase(old->logBase());
    ticker->setSubTickCount(old->subTickCount());
  }
  ticker->setTickCount(ticks);
  axis->setTicker(ticker);
}

}  // namespace atlas::widgets
