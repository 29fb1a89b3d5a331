#include "parallel_color_map.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cstddef>

namespace atlas::widgets {

ParallelColorMap::ParallelColorMap(QCPAxis* keyAxis, QCPAxis* valueAxis)
    : QCPColorMap(keyAxis, valueAxis) {}

bool ParallelColorMap::coloursInParallel() const {
  const QCPColorMapData* data = mMapData;
  const QCPAxis* keyAxis = mKeyAxis.data();
  if (!keyAxis || data->isEmpty() || MapCells::hasAlpha(*data)) return false;
  if (keyAxis->orientation() != Qt::Horizontal) return false;
  // QCPColorMap::updateMapImage's oversampling factor, which must be 1 on both sides here.
  const auto factor = [this](int cells) {
    return mInterpolate ? 1 : int(1.0 + 100.0 / double(cells));
  };
  return factor(data->keySize()) == 1 && factor(data->valueSize()) == 1;
}

void ParallelColorMap::updateMapImage() {
  if (!coloursInParallel()) return QCPColorMap::updateMapImage();
  QCPColorMapData* data = mMapData;
  const int keySize = data->keySize(), valueSize = data->valueSize();
  // As QCPColorMap does: one pixel per cell, key to the right, value index 0 at the bottom.
  if (mMapImage.width() != keySize || mMapImage.height() != valueSize)
    mMapImage = QImage(QSize(keySize, valueSize), QImage::Format_ARGB32_Premultiplied);
  if (mMapImage.isNull()) return QCPColorMap::updateMapImage();  // its out-of-memory handling
  if (!mUndersampledMapImage.isNull()) mUndersampledMapImage = QImage();

  // bits() may detach the image, and QImage::scanLine() counts detaches unguarded, so the tasks
  // get plain pointers taken here.
  uchar* bits = mMapImage.bits();
  const qsizetype stride = mMapImage.bytesPerLine();
  const double* values = MapCells::cells(*data);
  const bool log = mDataScaleType == QCPAxis::stLogarithmic;
  const auto colourLine = [&](int line) {
    auto* pixels = reinterpret_cast<QRgb*>(bits + qsizetype(valueSize - 1 - line) * stride);
    mGradient.colorize(values + std::size_t(line) * std::size_t(keySize), mDataRange, pixels,
                       keySize, 1, log);
  };
  // The gradient builds its colour table on first use, without a lock: the first line, coloured
  // on this thread, builds it; after that colorize only reads it.
  colourLine(0);
  const int grain = std::max(1, 16384 / keySize);
  // Isolated: while it waits, this (GUI) thread runs only these lines, never an engine task.
  tbb::this_task_arena::isolate([&] {
    tbb::parallel_for(tbb::blocked_range<int>(1, valueSize, grain),
                      [&](const tbb::blocked_range<int>& lines) {
                        for (int line = lines.begin(); line != lines.end(); ++line)
                          colourLine(line);
                      });
  });
  MapCells::imageUpdated(*data);
  mMapImageInvalidated = false;
}

}  // namespace atlas::widgets
