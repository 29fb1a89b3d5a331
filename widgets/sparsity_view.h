// Which cells of the attention matrix a variant computes: each head's mask with its density and
// number of computed pairs; union patterns coloured by the component that admitted each pair;
// LSH / k-means coloured by bucket, optionally in bucket-sorted order; Sinkhorn's block routing.
#pragma once

#include "matrix_plot.h"
#include "result_view.h"

class QCheckBox;
class QComboBox;
class QLabel;

namespace atlas::widgets {

class SparsityView : public ResultView {
  Q_OBJECT
 public:
  enum class Colouring { Mask, Components, Buckets, Routing };

  explicit SparsityView(QWidget* parent = nullptr);
  void setResult(const ViewData& data) override;
  QCustomPlot* figure() override { return m_plot; }
  void retranslate() override;

  MatrixPlot* plot() const { return m_plot; }
  /// The colouring shown now (the richest the result supports, unless the user chose Mask).
  Colouring colouring() const { return m_colouring; }
  /// Rows and columns in bucket order (LSH, k-means).
  void setSorted(bool sorted);
  QCheckBox* sortedBox() const { return m_sorted; }
  QLabel* summaryLabel() const { return m_summary; }

 private:
  void rebuild();
  void updateTexts();

  MatrixPlot* m_plot;
  QComboBox* m_colourBox;
  QCheckBox* m_sorted;
  QLabel* m_summary;
  ViewData m_data;
  Colouring m_colouring = Colouring::Mask;
  bool m_preferMask = false;
  /// Category matrices built for display (one per head), kept alive with the plot.
  /// What the panels show: the result's own masks (dense results coloured as the mask),
  /// category matrices (other dense colourings) or category pairs (sparse results).
  struct Cells {
    std::shared_ptr<const core::VariantResult> result;
    std::vector<core::Matrix> dense;
    std::vector<core::SparseWeights> sparse;
  };
  std::shared_ptr<Cells> m_cells;
};

}  // namespace atlas::widgets
