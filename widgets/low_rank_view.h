// The Linformer view: why an attention matrix has redundant columns and how much a rank-k
// projection keeps. One figure of six parts: P with its redundant column groups marked, the
// singular value spectrum with the 90% / 99% ranks, the column-similarity matrix, the error of
// Linformer's projection and of the best rank-k approximation against k, and for the chosen k
// the N x k matrix P' and the implied N x M map P'F. The rank k is a slider; the owner computes
// Linformer at that k (setLinformer) — this view only draws.
#pragma once

#include "result_view.h"

#include "core/analysis/low_rank.h"

#include <optional>

class QLabel;
class QSlider;
class QSpinBox;

namespace atlas::widgets {

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

 Q_SIGNALS:
  /// The user moved k: the owner computes Linformer at k and calls setLinformer.
  void kChanged(int k);

 private:
  void setupPlot();
  void drawAnalysis();
  void drawLinformer();
  /// The chosen map, or the diverging one on a range symmetric about 0 for signed data.
  void applyGradient(QCPColorMap* map);
  QCPColorMap* addMap(QCPAxisRect* rect);
  void fill(QCPColorMap* map, const core::Matrix& m);

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
  QCPLayoutGrid* m_grid = nullptr;  ///< the six parts under the title
  QCPAxisRect *m_pRect, *m_specRect, *m_simRect, *m_errRect, *m_primeRect, *m_impliedRect;
  QCPColorMap *m_pMap, *m_simMap, *m_primeMap, *m_impliedMap;
  QCPGraph *m_spectrum, *m_linformerCurve, *m_bestCurve;
  QCPItemStraightLine *m_rank90, *m_rank99, *m_kLine;
  QCPItemText *m_linformerLabel, *m_bestLabel, *m_rank90Label, *m_rank99Label;
  std::vector<QCPAbstractItem*> m_groupMarks;
  std::vector<QCPTextElement*> m_partTitles;
  ColorMap m_colorMap = ColorMap::Viridis;
  bool m_kChosen = false;  ///< the user moved k: keep it across results
};

}  // namespace atlas::widgets
