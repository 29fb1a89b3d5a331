#include "matrix_editor.h"

#include "matrix_table.h"
#include "settings.h"

#include "widgets/core_text.h"

#include "core/io/labels.h"
#include "core/rng.h"
#include "core/walkthrough.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

#include <cmath>

namespace atlas::app {

static_assert(MatrixEditor::kMaxSize == core::kWalkMaxTokens);

namespace {

/// Larger matrix parameters (performer's 4096 features, say) get no table: nobody types them.
constexpr core::Index kMaxParamCells = 4096;

QStringList splitLabels(const QString& text) {
  QStringList out;
  for (const std::string& l : core::io::splitLabels(text.toStdString()))
    out << QString::fromStdString(l);
  return out;
}

/// Tokens as the label fields take them; a comma inside a token becomes a full-width one so that
/// it stays one label.
QString joinLabels(const std::vector<std::string>& tokens) {
  QStringList out;
  for (const std::string& t : tokens) out << QString::fromStdString(t).replace(',', u'，');
  return out.join(", ");
}

}  // namespace

MatrixEditor::MatrixEditor(const core::Variant* variant, core::ParamSet params, Current current,
                           QWidget* parent)
    : QDialog(parent),
      m_variant(variant),
      m_params(std::move(params)),
      m_current(std::move(current)) {
  setObjectName("matrixEditor");
  buildSizes();
  m_tabs = new QTabWidget(this);
  m_q = makeInputTab("Q");
  m_k = makeInputTab("K");
  m_v = makeInputTab("V");
  m_v.labels->setObjectName("valueKeyLabels");
  connect(m_k.labels, &QLineEdit::textChanged, m_v.labels, [this](const QString& text) {
    if (m_v.labels->text() != text) m_v.labels->setText(text);
  });
  connect(m_v.labels, &QLineEdit::textChanged, m_k.labels, [this](const QString& text) {
    if (m_k.labels->text() != text) m_k.labels->setText(text);
  });
  for (QLineEdit* labels : {m_q.labels, m_k.labels})
    connect(labels, &QLineEdit::textChanged, this, [this] {
      updateRowLabels();
      validate();
    });
  if (m_variant)
    for (const core::ParamSpec& spec : m_variant->params())
      if (spec.kind == core::ParamKind::Matrix) addParamTab(spec);
  m_problem = new QLabel(this);
  m_problem->setObjectName("problem");
  m_problem->setWordWrap(true);
  m_problem->setMinimumHeight(m_problem->fontMetrics().lineSpacing());  // no jump when it shows
  buildButtons();

  auto* sizes = new QHBoxLayout;
  for (auto [label, box] : {std::pair(m_nLabel, m_n), std::pair(m_mLabel, m_m),
                            std::pair(m_dkLabel, m_dk), std::pair(m_dvLabel, m_dv)}) {
    sizes->addWidget(label);
    sizes->addWidget(box);
    sizes->addSpacing(12);
  }
  sizes->addStretch(1);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(sizes);
  layout->addWidget(m_tabs, 1);
  layout->addWidget(m_problem);
  auto* buttons = new QHBoxLayout;
  for (QPushButton* b : {m_start, m_zeros, m_random}) buttons->addWidget(b);
  buttons->addStretch(1);
  buttons->addWidget(m_buttons);
  layout->addLayout(buttons);

  // Ctrl+Enter accepts from anywhere, a cell being edited included (what it holds counts).
  for (const QKeySequence& keys :
       {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)})
    connect(new QShortcut(keys, this), &QShortcut::activated, this, &MatrixEditor::acceptIfValid);

  resize(760, 500);
  restoreGeometry(Settings::matrixEditorGeometry());
  setDims(Settings::matrixEditorSizes());
  fillParamsFromCurrent();
  retranslate();
}

core::InputDims MatrixEditor::dims() const {
  return {m_n->value(), m_m->value(), m_dk->value(), m_dk->value(), m_dv->value()};
}

void MatrixEditor::setDims(const core::InputDims& d) {
  m_resizing = true;  // one resize for the four boxes
  m_n->setValue(int(d.n));
  m_m->setValue(int(d.m));
  m_dk->setValue(int(d.dk));
  m_dv->setValue(int(d.dv));
  m_resizing = false;
  resizeTables();
}

void MatrixEditor::resizeTables() {
  const core::InputDims d = dims();
  const QSignalBlocker q(m_q.table), k(m_k.table), v(m_v.table);
  m_q.table->setShape(int(d.n), int(d.dk));
  m_k.table->setShape(int(d.m), int(d.dk));
  m_v.table->setShape(int(d.m), int(d.dv));
  for (const ParamTab& t : m_paramTabs) {
    const auto shape = matrixShape(t.spec.defaultText, d, m_params);
    const bool typable = shape && shape->first * shape->second <= kMaxParamCells;
    m_tabs->setTabVisible(m_tabs->indexOf(t.page), typable);
    if (!typable) {
      t.use->setChecked(false);
      continue;
    }
    const QSignalBlocker quiet(t.table);
    t.table->setShape(int(shape->first), int(shape->second));
  }
  updateRowLabels();
  retranslate();  // the captions say the sizes; validates
}

void MatrixEditor::updateRowLabels() {
  m_q.table->setRowLabels(splitLabels(m_q.labels->text()));
  const QStringList keys = splitLabels(m_k.labels->text());
  m_k.table->setRowLabels(keys);
  m_v.table->setRowLabels(keys);
}

bool MatrixEditor::fits(const core::Inputs& inputs) {
  const core::InputDims d = inputs.dims();
  for (const core::Index size : {d.n, d.m, d.dk, d.dv})
    if (size < 1 || size > kMaxSize) return false;
  return d.dq == d.dk;
}

QString MatrixEditor::describe(const core::Inputs& inputs) {
  const core::InputDims d = inputs.dims();
  return tr("Typed by hand: N = %1, M = %2, dk = %3, dv = %4")
      .arg(d.n)
      .arg(d.m)
      .arg(d.dk)
      .arg(d.dv);
}

void MatrixEditor::startFromCurrent() {
  if (!m_current.inputs || !fits(*m_current.inputs)) return;
  const core::Inputs& in = *m_current.inputs;
  setDims(in.dims());
  {
    const QSignalBlocker q(m_q.table), k(m_k.table), v(m_v.table);
    m_q.table->setMatrix(in.q);
    m_k.table->setMatrix(in.k);
    m_v.table->setMatrix(in.v);
  }
  m_q.labels->setText(joinLabels(in.queryTokens));
  m_k.labels->setText(joinLabels(in.keyTokens));
  fillParamsFromCurrent();
  validate();
}

void MatrixEditor::fillParamsFromCurrent() {
  for (const ParamTab& t : m_paramTabs) {
    const auto it = m_current.matrices.find(t.spec.name);
    if (it == m_current.matrices.end() || it->second.rows() != t.table->rowCount() ||
        it->second.cols() != t.table->columnCount())
      continue;
    const QSignalBlocker quiet(t.table);
    t.table->setMatrix(it->second);
    t.use->setChecked(m_current.fixed.count(t.spec.name) > 0);
  }
}

std::vector<MatrixEditor::NamedTable> MatrixEditor::tablesInUse() const {
  std::vector<NamedTable> tables = {
      {"Q", "Q", m_q.table}, {"K", "K", m_k.table}, {"V", "V", m_v.table}};
  for (const ParamTab& t : m_paramTabs)
    if (t.use->isChecked() && m_tabs->isTabVisible(m_tabs->indexOf(t.page)))
      tables.push_back({widgets::paramLabel(t.spec), t.spec.name, t.table});
  return tables;
}

void MatrixEditor::validate() {
  QString problem;
  for (const NamedTable& t : tablesInUse()) {
    const auto bad = t.table->firstBadCell();
    if (!bad) continue;
    // Counted from 0, as the table's headers are.
    const QString row = QString::number(bad->first), col = QString::number(bad->second);
    const QString text = t.table->cellText(bad->first, bad->second).trimmed();
    problem = text.isEmpty()
                  ? tr("%1, row %2, column %3 is empty: type a number there.").arg(t.name, row, col)
                  : tr("%1, row %2, column %3: “%4” is not a number.").arg(t.name, row, col, text);
    break;
  }
  const core::InputDims d = dims();
  const auto queries = splitLabels(m_q.labels->text()).size();
  const auto keys = splitLabels(m_k.labels->text()).size();
  if (problem.isEmpty() && queries > 0 && queries != d.n)
    problem =
        tr("Give one query label per row of Q (N = %1), or none: %2 given.").arg(d.n).arg(queries);
  if (problem.isEmpty() && keys > 0 && keys != d.m)
    problem =
        tr("Give one key label per row of K and V (M = %1), or none: %2 given.").arg(d.m).arg(keys);
  m_problem->setText(problem);
  okButton()->setEnabled(problem.isEmpty());
}

void MatrixEditor::acceptIfValid() {
  for (const NamedTable& t : tablesInUse()) t.table->commitEditing();
  validate();
  const auto in = inputs();
  if (!okButton()->isEnabled() || !in) return;
  core::Inputs labelled = *in;
  labelled.queryTokens = core::io::splitLabels(queryLabels().toStdString());
  labelled.keyTokens = core::io::splitLabels(keyLabels().toStdString());
  try {
    core::validateInputs(labelled);  // what loaded files pass too
  } catch (const core::Error& e) {
    m_problem->setText(widgets::errorText(e));
    return;
  }
  accept();
}

void MatrixEditor::fillRandom() {
  ++m_randomDraws;
  for (const NamedTable& t : tablesInUse()) {
    core::Rng rng(m_params.seed + m_randomDraws, "editor " + t.stream);
    const QSignalBlocker quiet(t.table);
    for (int r = 0; r < t.table->rowCount(); ++r)
      for (int c = 0; c < t.table->columnCount(); ++c) {
        // One decimal, so the numbers read at a glance; + 0.0 turns -0.0 into 0.0.
        const double x = std::round(rng.normal() * 10.0) / 10.0 + 0.0;
        t.table->item(r, c)->setText(QString::number(x, 'f', 1));
      }
  }
  validate();
}

std::shared_ptr<const core::Inputs> MatrixEditor::inputs() const {
  auto q = m_q.table->matrix(), k = m_k.table->matrix(), v = m_v.table->matrix();
  if (!q || !k || !v) return nullptr;
  auto in = std::make_shared<core::Inputs>();
  in->q = std::move(*q);
  in->k = std::move(*k);
  in->v = std::move(*v);
  return in;
}

QString MatrixEditor::queryLabels() const { return m_q.labels->text(); }
QString MatrixEditor::keyLabels() const { return m_k.labels->text(); }

std::map<std::string, core::Matrix> MatrixEditor::matrices() const {
  std::map<std::string, core::Matrix> out;
  for (const NamedTable& t : tablesInUse())
    if (t.table != m_q.table && t.table != m_k.table && t.table != m_v.table)
      if (auto m = t.table->matrix()) out[t.stream] = std::move(*m);
  return out;
}

QString MatrixEditor::problem() const { return m_problem->text(); }

MatrixTable* MatrixEditor::table(const QString& name) const {
  return findChild<MatrixTable*>(name);
}
QSpinBox* MatrixEditor::sizeBox(const QString& name) const { return findChild<QSpinBox*>(name); }
QCheckBox* MatrixEditor::useBox(const QString& name) const {
  return findChild<QCheckBox*>("use_" + name);
}
QPushButton* MatrixEditor::okButton() const { return m_buttons->button(QDialogButtonBox::Ok); }

void MatrixEditor::done(int result) {
  Settings::setMatrixEditorGeometry(saveGeometry());
  if (result == Accepted) Settings::setMatrixEditorSizes(dims());
  QDialog::done(result);
}

void MatrixEditor::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QDialog::changeEvent(event);
}

void MatrixEditor::keyPressEvent(QKeyEvent* event) {
  // A plain Return (after a size or a label, say) never accepts: Ctrl+Enter does, or OK.
  const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
  if (enter && !(event->modifiers() & Qt::ControlModifier)) {
    event->accept();
    return;
  }
  QDialog::keyPressEvent(event);
}

}  // namespace atlas::app
