// The Linformer view: why an attention matrix has redundant columns and how much a rank-k
// projection keeps. One figure of six parts: P with its redundant column groups tinted, the
// singular value spectrum with the 90% / 99% ranks, the column-similarity matrix, three errors
// of the output against k (the random projection of the Linformer paper's Theorem 1 with its
// c/√k law, the best rank-k approximation, Linformer with untrained E and F), and for the chosen
// k the N x k matrix P' and the implied N x M map P'F; each matrix with its colour bar, a legend
// and a note below. The rank k is a slider; the owner computes Linformer at that k
// (setLinformer) — this view only draws. The curves' part is low_rank_curves.cpp.
#pragma once

#include "result_view.h"

#include "core/analysis/low_rank.h"

#include <array>
#include <optional>

class QLabel;
class QSlider;
class QSpinBox;

namespace atlas::widgets {

class ElidedText;
class WrappedText;
class WrappingLegend;

class LowRankView : public ResultView {
  Q_OBJECT
 public:
  explicit LowRankView(QWidget* parent = nullptr);
  void setResult(const ViewData& data) override;
  QCustomPlot* figure() override { return m_plot; }
  void setColorMap(ColorMap map) override;
  void retranslate() override;

  /// The analysis of the shown result (its head, spectrum, groups, curves).
  void setAnalysis(std::shared_ptr<const core::analysis::LowRankAnalysis> analysis);
  /// The analysis of the shown result failed (e.g. too large): the view says why instead of
  /// drawing, in the current language, until the next result.
  void setAnalysisError(const core::Error& error);
  /// The line above the six parts (the head and sizes, "Analysing…", or why not), for tests.
  QString titleText() const;
  /// Linformer at the chosen k.
  void setLinformer(std::shared_ptr<const core::analysis::LinformerAt> at);
  int k() const;
  void setK(int k);
  QSlider* kSlider() const { return m_slider; }
  QCustomPlot* plot() const { return m_plot; }
  /// Drawn state, for tests: the P' map's width, the x of the k marker on the error plot.
  int pPrimeColumns() const;
  double kMarker() const;
  const ViewData& data() const { return m_data; }

  /// The curves of the error part, for tests.
  enum class ErrorCurve { RandomProjection, Guide, Best, Untrained };
  QCPGraph* errorCurve(ErrorCurve curve) const;
  QCPAxisRect* errorRect() const { return m_errRect; }
  QCPAxisRect* spectrumRect() const { return m_specRect; }
  /// The four colour maps (P, column similarity, P', P'F), each with its colour bar.
  std::vector<QCPColorMap*> maps() const;
  /// The legend below the parts: the error curves.
  QCPLegend* legend() const;
  /// The legend under it: the tint of P's redundant column groups, when there are groups.
  QCPLegend* tintLegend() const;
  /// The note below the legend (what a trained Linformer achieves), unwrapped.
  QString noteText() const;

 Q_SIGNALS:
  /// The user moved k: the owner computes Linformer at k and calls setLinformer.
  void kChanged(int k);

 private:
  void setupPlot();
  void drawAnalysis();
  void drawLinformer();
  /// The chosen map, or the diverging one on a range symmetric about 0 for signed data, on the
  /// map's colour bar.
  void applyGradient(QCPColorMap* map);
  QCPColorMap* addMap(QCPAxisRect* rect);
  /// A colour bar right of `map` in its part's `body`.
  void addColorBar(QCPLayoutGrid* body, QCPColorMap* map);
  /// The parts in the grid: 2 x 3, or in a narrow figure the spectrum and the errors alone (the
  /// four matrices would be a centimetre wide); the others taken out and hidden.
  void arrangeParts();
  void fill(QCPColorMap* map, const core::Matrix& m);
  /// The tint of the redundant column groups over P, and its legend entry.
  void drawGroups(const core::Matrix& p);

  /// After each layout, for the next one (a figure lays out twice): a figure narrower than
  /// kNarrowWidth (a journal's single column) shows the two curve parts only (arrangeParts),
  /// without axis titles (the part titles say what they show), with small legend icons.
  void fitToWidth();
  static constexpr int kNarrowWidth = 440;  ///< a column is 336 px; a window at 1024 px ~490
  /// After each layout: the matrices' index ticks for the sizes their axes got; true if any
  /// changed (the next layout shows them).
  bool fitIndexTicks();
  /// `text` as the axis title, none in a narrow figure.
  void setAxisTitle(QCPAxis* axis, const QString& text) const;
  void setAxisTitles();

  // The spectrum and error parts (low_rank_curves.cpp).
  void setupCurves();
  void drawCurves();
  void retranslateCurves();
  void moveKMarker(int k);
  /// The legends' entries: the error curves, and the tint when P has groups.
  void fillLegend();

  ViewData m_data;
  std::shared_ptr<const core::analysis::LowRankAnalysis> m_analysis;
  std::shared_ptr<const core::analysis::LinformerAt> m_at;
  std::optional<core::Error> m_failure;
  QSlider* m_slider;
  QSpinBox* m_spin;
  QLabel* m_kLabel;
  QLabel* m_summary;
  QCustomPlot* m_plot;
  QCPTextElement* m_title;
  QCPLayoutGrid* m_grid = nullptr;      ///< the parts under the title
  std::vector<QCPLayoutGrid*> m_cells;  ///< the six parts: title above body (rect, bar)
  std::array<QCPMarginGroup*, 2> m_rowGroups{};
  WrappingLegend *m_legend = nullptr, *m_tintLegend = nullptr;
  WrappedText* m_note = nullptr;
  QCPAxisRect *m_pRect, *m_specRect, *m_simRect, *m_errRect, *m_primeRect, *m_impliedRect;
  QCPColorMap *m_pMap, *m_simMap, *m_primeMap, *m_impliedMap;
  QCPGraph *m_spectrum, *m_randomCurve, *m_guideCurve, *m_bestCurve, *m_linformerCurve;
  QCPItemStraightLine *m_rank90, *m_rank99, *m_kLine = nullptr;
  QCPItemText *m_rank90Label, *m_rank99Label;
  std::vector<QCPAbstractItem*> m_groupMarks;
  std::vector<ElidedText*> m_partTitles;
  ColorMap m_colorMap = ColorMap::Viridis;
  bool m_kChosen = false;  ///< the user moved k: keep it across results
  bool m_narrow = false;   ///< laid out last as a narrow figure (fitToWidth)
};

}  // namespace atlas::widgets
