// A QCPColorMap for large matrices: its cells are written in bulk (no setCell per entry) and
// its image is coloured one scan line per task with oneTBB, where QCustomPlot colours every cell
// on the GUI thread. The pixels are the same as QCustomPlot's.
#pragma once

#include <qcustomplot.h>

namespace atlas::widgets {

/// Bulk access to the cells of any QCPColorMapData, for code that fills them in one go: its
/// protected members (qcustomplot.h) reached through member pointers, which a derived class may
/// form without any object of it. Not a QCPColorMapData subclass to instantiate: QCPColorMap
/// deletes its data through the base, whose destructor is not virtual.
class MapCells : private QCPColorMapData {
 public:
  MapCells() = delete;

  /// The cells, row-major by value index: cell (key k, value v) at [v * keySize() + k].
  /// Whoever writes them calls cellsWritten (after resetBounds, as fill would) afterwards.
  static double* cells(QCPColorMapData& d) { return d.*(&MapCells::mData); }
  /// What setCell does for every cell written, done once for all: the buffered data bounds
  /// grow to take in [lo, hi] (never shrink, as with setCell) and the image is to be recoloured.
  static void cellsWritten(QCPColorMapData& d, double lo, double hi) {
    QCPRange& bounds = d.*(&MapCells::mDataBounds);
    if (lo < bounds.lower) bounds.lower = lo;
    if (hi > bounds.upper) bounds.upper = hi;
    d.*(&MapCells::mDataModified) = true;
  }
  /// The bounds fill(z) leaves, for cells that were all set to z through cells().
  static void resetBounds(QCPColorMapData& d, double z) {
    d.*(&MapCells::mDataBounds) = QCPRange(z, z);
  }
  static bool hasAlpha(const QCPColorMapData& d) { return d.*(&MapCells::mAlpha) != nullptr; }
  /// The map's image shows the cells (QCPColorMap, a friend, clears the flag itself).
  static void imageUpdated(QCPColorMapData& d) { d.*(&MapCells::mDataModified) = false; }
};

class ParallelColorMap : public QCPColorMap {
 public:
  ParallelColorMap(QCPAxis* keyAxis, QCPAxis* valueAxis);

  /// Whether the next image is coloured in parallel: horizontal key axis, no alpha map, and no
  /// oversampling (QCustomPlot enlarges maps of at most 100 cells a side unless interpolating);
  /// every other case is left to QCPColorMap.
  bool coloursInParallel() const;

 protected:
  void updateMapImage() override;
};

}  // namespace atlas::widgets
