// A QCustomPlot that shows one or more matrices as colour maps side by side, sharing one colour
// scale, with token labels on the axes and a hover tooltip. Heatmap and output views build on it.
#pragma once

#include "color_maps.h"
#include "parallel_color_map.h"
#include "plot_widget.h"

#include "core/sparse_weights.h"
#include "core/types.h"

#include <qcustomplot.h>

#include <functional>
#include <memory>

namespace atlas::widgets {

struct MatrixPanel {
  const core::Matrix* matrix = nullptr;  ///< kept alive by the owner given to setPanels
  QString title;
  /// Instead of `matrix`: values on a pattern's pairs only, 0 elsewhere (sparse results),
  /// drawn straight from the pairs. Values are never negative (weights, category ids).
  const core::SparseWeights* sparse = nullptr;
  /// Instead of `matrix`: a mask drawn as 0 and 1 (a dense result's computed pairs).
  const core::MaskMatrix* mask = nullptr;
  /// With `matrix`: which entries were computed (a dense result's mask; null: all of them).
  /// Only the numbers written in cells read it: an entry never computed gets no number, as a
  /// pair off a sparse pattern gets none.
  const core::MaskMatrix* computed = nullptr;

  core::Index rows() const {
    return sparse ? sparse->rows() : mask ? mask->rows() : matrix->rows();
  }
  core::Index cols() const {
    return sparse ? sparse->cols() : mask ? mask->cols() : matrix->cols();
  }
  double value(core::Index i, core::Index j) const {
    return sparse ? sparse->at(i, j) : mask ? double((*mask)(i, j)) : double((*matrix)(i, j));
  }
  bool isComputed(core::Index i, core::Index j) const {
    return sparse ? sparse->computed(i, j) : !computed || (*computed)(i, j) != 0;
  }
  /// Smallest and largest entry, and the smallest positive one (infinity when none).
  struct Range {
    double lo, hi, minPositive;
  };
};

/// Fills `data` (already sized: one cell per entry, or fewer, each the maximum of its block of
/// core::poolStart) from the panel and returns the panel's range over all its entries (the
/// zeros off a sparse pattern included), found on the same pass. Parallel over rows of cells.
/// With `uncomputed`, pairs never computed (off a sparse pattern, or 0 in `computed`) are NaN
/// cells, which the plot draws as not computed; otherwise they are 0.
MatrixPanel::Range fillCells(QCPColorMapData& data, const MatrixPanel& panel, bool uncomputed);

class MatrixPlot : public PlotWidget {
  Q_OBJECT
 public:
  /// Text of the tooltip for cell (row, col) of panel `panel` holding `value`.
  using TooltipFn = std::function<QString(int panel, int row, int col, double value)>;

  explicit MatrixPlot(QWidget* parent = nullptr);

  /// Shows the panels in a grid. `owner` keeps the matrices alive as long as they are shown;
  /// nothing is copied but into the colour maps' own cells.
  void setPanels(std::shared_ptr<const void> owner, std::vector<MatrixPanel> panels);
  /// Removes every panel and shows `message` instead.
  void showMessage(const QString& message);

  void setTitle(const QString& title);
  void setAxisTitles(const QString& x, const QString& y, const QString& scale);
  /// Labels of the rows (y) and columns (x); empty lists mean 0-based indices.
  void setLabels(const QStringList& rows, const QStringList& cols);
  /// Pooled panels (core/streaming.h): each shown matrix is a display-resolution view of a
  /// rows x cols matrix, its cell (a, b) covering the block of poolStart. The axes then read
  /// token indices [0, rows) and [0, cols), cells centred on their blocks, and the tooltip
  /// function receives the cell. 0, 0: the matrices are shown as they are (the default).
  void setLogicalSize(core::Index rows, core::Index cols);
  core::Index logicalRows() const { return m_logicalRows; }
  /// At most `cells` colour-map cells per side (0: one per entry, the default): a larger matrix
  /// is drawn with each cell the maximum of its block (core::poolStart), read from the shared
  /// matrix without copying it, on axes of matrix indices; the tooltip gets the exact entry.
  /// Takes effect at the next setPanels.
  void setDisplayCells(int cells) {
    m_displayCells = cells;
    m_maps.clear();
  }
  core::Index logicalCols() const { return m_logicalCols; }
  void setColorMap(ColorMap map);
  void setLogScale(bool log);
  /// Numbers in cells (matrix_plot_values.cpp): every cell of a panel of at most
  /// kMaxValueCells entries a side, drawn one cell per entry (not pooled, not blocks), shows its
  /// value with two decimals, in black or white, whichever reads better on the cell's colour,
  /// and as large as the cell allows up to 1.2 x the tick labels. Panels whose cells are too
  /// small for kMinValuePoints show none; categorical plots and messages never do.
  void setCellValues(bool on);
  bool cellValues() const { return m_cellValues; }
  /// The numbers of panel `panel`, row-major (row i, column j at i * cols + j; an entry never
  /// computed has empty text); empty when the panel shows none.
  const std::vector<QCPItemText*>& cellTexts(int panel) const;
  /// A value as a cell shows it: two decimals, a point, whatever the UI language.
  static QString cellValueText(double value);
  static constexpr int kMaxValueCells = 16;
  static constexpr double kMinValuePoints = 6;
  /// The layer the numbers are on, right above the colour maps'.
  static constexpr const char* kCellValuesLayer = "cellValues";
  /// Categorical mode: cells hold 0 (nothing, drawn white) or 1..names.size(), drawn in
  /// colors[i - 1]; a legend of the names replaces the colour scale. An empty list returns to
  /// the continuous mode. Takes effect at the next setPanels.
  void setCategories(const QStringList& names, const QList<QColor>& colors);
  bool categorical() const { return !m_categoryNames.isEmpty(); }
  /// Pairs never computed (off a sparse pattern, or masked) drawn hatched grey with a legend
  /// entry, so a sparse pattern looks sparse and never like near-zero weights (the default);
  /// off, they are drawn as 0. Categorical plots draw them white. Takes effect at setPanels.
  void setMarkUncomputed(bool on) { m_markUncomputed = on; }
  /// The text of the legend entry for pairs never computed; empty: "not computed: pairs the
  /// variant skips". Takes effect at the next setPanels.
  void setUncomputedText(const QString& text);
  /// A colour scale that stays [lo, hi] whatever the panels hold (lo < hi), e.g. weights of 0 to
  /// 1 that a slider changes, so one colour means one value at every step; no hint to try the
  /// log scale then. An empty range returns to each fill's own range.
  void setFixedRange(const QCPRange& range);
  /// Whether the panels hold values of both signs: drawn with the diverging map, 0 white, on a
  /// range symmetric about 0, on a linear scale even when the log scale is asked for.
  bool isSigned() const { return m_signed; }
  /// The hint shown when a linear scale puts almost every cell at its bottom (a uniform dark
  /// field, as random inputs at large N give): use the log scale. Empty when there is none.
  QString hintText() const { return m_hintElement ? m_hint : QString(); }
  /// Whether a panel shown has pairs never computed (they are drawn hatched).
  bool showsUncomputed() const { return m_showsUncomputed; }
  /// The brush of a pair never computed: light grey with dark diagonal hatching.
  static QBrush uncomputedBrush();
  /// Many small panels: no tick labels or axis titles, smaller panel titles.
  void setCompact(bool compact) { m_compact = compact; }
  /// Each panel coloured from its own minimum to its own maximum (the colour scale then reads
  /// 0 to 1 of each panel's range): for comparing patterns of different magnitudes.
  void setIndependentScales(bool independent) { m_independent = independent; }
  /// A distinguishable colour for category i (0-based), for any number of categories.
  static QColor categoryColor(int i);
  /// `text` broken into lines (at spaces, or anywhere in Chinese) no wider than `width` pixels
  /// in `font`: for messages in a QCPTextElement, which never wraps by itself.
  static QString wrapText(const QString& text, const QFont& font, int width);
  /// Whether an axis title reads upright, one character under the other: Chinese of at most
  /// eight characters (a longer one lies along its axis, as Latin text does).
  static bool readsUpright(const QString& text);
  /// "查询" as "查\n询".
  static QString stackedText(const QString& text);
  /// The upright titles (empty when the titles lie along their axes).
  QString uprightYTitle() const;
  QString uprightScaleTitle() const;
  /// Whole-number ticks for matrix indices (1, 2, 5, 10... apart), at most `count` of them and
  /// about `most` (fewer for a small part, whose numbers would run into each other).
  static QSharedPointer<QCPAxisTicker> indexTicker(int count, int most = 8);
  void setTooltip(TooltipFn fn) { m_tooltip = std::move(fn); }

  int panelCount() const { return static_cast<int>(m_maps.size()); }
  QCPColorMap* panelMap(int i) const { return m_maps.at(static_cast<std::size_t>(i)); }
  QCPColorScale* colorScale() const { return m_scale; }
  QString xTitle() const { return m_xTitle; }
  QString yTitle() const { return m_yTitle; }
  /// Shows each panel's token labels where the layout just made holds them in the axes' font
  /// (rotated only when words would not stand upright), numbers elsewhere. True when a ticker
  /// changed, which the next layout shows. Runs after every layout.
  bool fitTokenLabels();
  /// Square cells for panels no longer than kMaxSquareAspect to 1 (the shape most panels
  /// have; others fill the same room): as many panels to a row as gives the largest cells in
  /// the room just laid out, the panels and colour scale centred, the rest white. True when
  /// the layout changed, which the next layout shows. Runs after every layout.
  bool fitSquareCells();
  /// The figure's title wrapped to its width, its element as tall as its lines (a long title,
  /// such as one naming a remote device, in a column-wide figure).
  bool fitTitle();
  static constexpr double kMaxSquareAspect = 4.0;
  /// The tooltip text for the plot-local position, or empty when not over a cell.
  QString tooltipAt(const QPointF& pos) const;
  /// The panel under a plot-local position, or -1.
  int panelAt(const QPointF& pos) const;

 Q_SIGNALS:
  void panelClicked(int panel);

 protected:
  void showEvent(QShowEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void paintEvent(QPaintEvent* event) override;

 private:
  /// Queued replot when visible; otherwise marks the plot to replot when shown or painted.
  void requestReplot();
  bool marksUncomputed() const { return m_markUncomputed && !categorical(); }
  bool linearShowsAlmostNothing() const;
  /// Shows or removes the hint below the panels that the log scale would show more.
  void updateHint();
  bool anyUncomputed(const std::vector<MatrixPanel>& panels) const;
  void rebuild();
  /// The margin that centres the panels and colour scale; true when it changed.
  bool setBodyMargins(const QMargins& margins);
  int messageWidth() const;  ///< room for a message: the plot's width less a margin
  void applyScale();
  void onMouseMove(QMouseEvent* event);
  /// Makes the numbers the panels should show, or updates their texts and colours in place
  /// when the same items still fit (a new result of the same layout, a new colour scale).
  void syncCellValues();
  void removeCellValues();
  /// After each layout (on screen or into a figure): the font that fits the cells just laid out.
  void fitCellValues();

  std::shared_ptr<const void> m_owner;
  std::vector<MatrixPanel> m_panels;
  std::vector<ParallelColorMap*> m_maps;
  std::vector<MatrixPanel::Range> m_ranges;  ///< per map, found when its cells were filled
  QCPColorScale* m_scale = nullptr;
  QCPLayoutGrid* m_body = nullptr;  ///< the panels' grid and the colour scale
  QCPLayoutGrid* m_grid = nullptr;  ///< the panels, m_gridCols to a row
  int m_gridCols = 1;               ///< panels per row of that grid
  QMargins m_panelExtra;            ///< several panels: each one's margin for square cells
  std::vector<QCPTextElement*> m_panelTitles;  ///< several panels: their titles, in order
  std::vector<QCPTextElement*> m_sideTitles;   ///< upright y titles left of the panels
  QCPTextElement* m_scaleSide = nullptr;       ///< the colour scale's title, upright
  QCPTextElement* m_titleElement = nullptr;
  QCPTextElement* m_messageElement = nullptr;  ///< the message shown instead of panels
  QCPTextElement* m_hintElement = nullptr;     ///< below the panels: linearShowsAlmostNothing
  QString m_title, m_xTitle, m_yTitle, m_scaleTitle, m_message, m_hint;
  QStringList m_rowLabels, m_colLabels;
  ColorMap m_colorMap = ColorMap::Viridis;
  bool m_compact = false;
  bool m_independent = false;
  QStringList m_categoryNames;
  QList<QColor> m_categoryColors;
  bool m_log = false;
  bool m_markUncomputed = true;
  QString m_uncomputedText;
  QCPRange m_fixedRange{0, 0};  ///< used when upper > lower
  bool hasFixedRange() const { return m_fixedRange.upper > m_fixedRange.lower; }
  bool m_signed = false;
  bool m_showsUncomputed = false;
  bool m_replotPending = false;
  core::Index m_logicalRows = 0, m_logicalCols = 0;
  int m_displayCells = 0;
  bool m_cellValues = false;
  std::vector<std::vector<QCPItemText*>> m_cellTexts;  ///< per panel, row-major; owned by the plot
  int drawnCells(core::Index entries) const {
    return m_displayCells > 0 && entries > m_displayCells ? m_displayCells
                                                          : static_cast<int>(entries);
  }
  TooltipFn m_tooltip;
};

}  // namespace atlas::widgets
