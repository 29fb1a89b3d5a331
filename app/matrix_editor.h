// File > Type Q, K, V: a dialog where a teacher types a tiny example by hand (N queries, M keys,
// widths dk and dv, each at most 12, which the walkthrough writes out in full), with labels for
// the rows, and the chosen variant's matrix parameters (W_q, W, R, ...) in tables of their own.
// The window computes on what is typed as on Q, K, V loaded from files.
#pragma once

#include "core/inputs.h"
#include "core/variant.h"

#include <QDialog>

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace atlas::app {

class MatrixTable;

class MatrixEditor : public QDialog {
  Q_OBJECT
 public:
  /// What the window computes on now, which "Start from current inputs" copies.
  struct Current {
    /// Q, K, V with their labels as tokens; null, or too large (fits()), offers nothing.
    std::shared_ptr<const core::Inputs> inputs;
    /// The variant's matrices by name: the ones its result used, or given by hand.
    std::map<std::string, core::Matrix> matrices;
    /// The names among them given by hand: their tables start in use.
    std::set<std::string> fixed;
  };

  /// A dialog for `variant` (nullptr: Q, K, V only) whose parameters are `params` (the sizes of
  /// its matrices follow from them), at the sizes used last, every cell empty.
  MatrixEditor(const core::Variant* variant, core::ParamSet params, Current current,
               QWidget* parent = nullptr);

  /// The largest N, M, dk and dv: what the walkthrough writes out in full.
  static constexpr int kMaxSize = 12;

  /// Whether `inputs` can be typed here: N, M, dk and dv from 1 to 12, and Q as wide as K.
  static bool fits(const core::Inputs& inputs);
  /// "Typed by hand: N = 3, M = 4, dk = 2, dv = 2", in the UI language.
  static QString describe(const core::Inputs& inputs);

  /// Fills every table and the labels from the current inputs (when they fit).
  void startFromCurrent();
  /// The typed Q, K, V (labels not included); null while a cell is empty or not a number.
  std::shared_ptr<const core::Inputs> inputs() const;
  /// The label fields as typed (comma-separated, as the parameter panel takes them).
  QString queryLabels() const;
  QString keyLabels() const;
  /// The variant's matrices whose "use these numbers" box is ticked, by name.
  std::map<std::string, core::Matrix> matrices() const;
  /// Why OK is disabled, one sentence in the UI language; empty when everything is valid.
  QString problem() const;

  /// For the tests: a table ("Q", "K", "V" or a parameter's name), a size ("n", "m", "dk",
  /// "dv"), a matrix parameter's "use these numbers" box, the OK button.
  MatrixTable* table(const QString& name) const;
  QSpinBox* sizeBox(const QString& name) const;
  QCheckBox* useBox(const QString& name) const;
  QPushButton* okButton() const;

 protected:
  void done(int result) override;
  void changeEvent(QEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;

 private:
  /// Q, K or V in a tab: what it is, the labels of its rows, its table.
  struct InputTab {
    QWidget* page = nullptr;
    QLabel* caption = nullptr;     ///< "Q is N × dk = 3 × 2: one row per query."
    QLabel* labelsName = nullptr;  ///< "Query labels:"
    QLineEdit* labels = nullptr;
    MatrixTable* table = nullptr;
  };
  /// One matrix parameter of the variant, in a tab of its own.
  struct ParamTab {
    core::ParamSpec spec;
    QWidget* page;
    QCheckBox* use;  ///< ticked: these numbers; unticked: the seed's
    QLabel* caption;
    MatrixTable* table;
  };
  /// A table to check or fill: its name in sentences, its stream for "Random", the table.
  struct NamedTable {
    QString name;
    std::string stream;
    MatrixTable* table;
  };

  // The widgets and their texts (matrix_editor_widgets.cpp).
  void buildSizes();
  InputTab makeInputTab(const char* objectName);
  void addParamTab(const core::ParamSpec& spec);
  void buildButtons();
  void retranslate();

  /// The sizes now, as input dims (dq = dk).
  core::InputDims dims() const;
  void setDims(const core::InputDims& dims);
  /// Every table takes the shape the sizes give it; the labels name the rows again.
  void resizeTables();
  void updateRowLabels();
  /// The variant's matrices the window has fill the tables of their shape; the ones given by
  /// hand are ticked.
  void fillParamsFromCurrent();
  /// Checks every cell in use and the labels: the sentence, and OK enabled only when valid.
  void validate();
  /// Ends any edit in progress, then accepts if everything is valid.
  void acceptIfValid();
  void fillRandom();
  /// The tables the buttons fill and OK checks: Q, K, V and the matrix parameters in use.
  std::vector<NamedTable> tablesInUse() const;

  const core::Variant* m_variant;
  core::ParamSet m_params;
  Current m_current;
  std::uint64_t m_randomDraws = 0;  ///< "Random" clicks so far: each draws new numbers
  bool m_resizing = false;

  QSpinBox *m_n, *m_m, *m_dk, *m_dv;
  QLabel *m_nLabel, *m_mLabel, *m_dkLabel, *m_dvLabel;
  QTabWidget* m_tabs;
  InputTab m_q, m_k, m_v;  ///< V's labels field mirrors K's: the keys name the rows of both
  std::vector<ParamTab> m_paramTabs;
  QLabel* m_problem;
  QDialogButtonBox* m_buttons;
  QPushButton *m_start, *m_zeros, *m_random;
};

}  // namespace atlas::app
