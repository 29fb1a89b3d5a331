// The matrix editor's widgets and their texts in the UI language (the dialog is built in
// matrix_editor.cpp).
#include "matrix_editor.h"

#include "matrix_table.h"

#include "widgets/core_text.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace atlas::app {

void MatrixEditor::buildSizes() {
  auto spin = [this](const char* name) {
    auto* s = new QSpinBox(this);
    s->setObjectName(name);
    s->setRange(1, kMaxSize);
    connect(s, &QSpinBox::valueChanged, this, [this] {
      if (!m_resizing) resizeTables();
    });
    return s;
  };
  m_n = spin("n");
  m_m = spin("m");
  m_dk = spin("dk");
  m_dv = spin("dv");
  m_nLabel = new QLabel(this);
  m_mLabel = new QLabel(this);
  m_dkLabel = new QLabel(this);
  m_dvLabel = new QLabel(this);
  m_nLabel->setBuddy(m_n);
  m_mLabel->setBuddy(m_m);
  m_dkLabel->setBuddy(m_dk);
  m_dvLabel->setBuddy(m_dv);
}

MatrixEditor::InputTab MatrixEditor::makeInputTab(const char* objectName) {
  InputTab t;
  t.page = new QWidget(m_tabs);
  t.caption = new QLabel(t.page);
  t.labelsName = new QLabel(t.page);
  t.labels = new QLineEdit(t.page);
  t.labels->setObjectName(QLatin1String(objectName) == "Q" ? "queryLabels" : "keyLabels");
  t.labelsName->setBuddy(t.labels);
  t.table = new MatrixTable(t.page);
  t.table->setObjectName(objectName);
  connect(t.table, &QTableWidget::itemChanged, this, &MatrixEditor::validate);
  auto* form = new QFormLayout;
  form->addRow(t.labelsName, t.labels);
  auto* layout = new QVBoxLayout(t.page);
  layout->addWidget(t.caption);
  layout->addLayout(form);
  layout->addWidget(t.table, 1);
  m_tabs->addTab(t.page, QString());
  return t;
}

void MatrixEditor::addParamTab(const core::ParamSpec& spec) {
  auto* page = new QWidget(m_tabs);
  auto* use = new QCheckBox(page);
  use->setObjectName(QString::fromStdString("use_" + spec.name));
  auto* caption = new QLabel(page);
  auto* table = new MatrixTable(page);
  table->setObjectName(QString::fromStdString(spec.name));
  table->setEnabled(false);
  connect(use, &QCheckBox::toggled, this, [this, table](bool on) {
    table->setEnabled(on);
    validate();
  });
  connect(table, &QTableWidget::itemChanged, this, &MatrixEditor::validate);
  auto* layout = new QVBoxLayout(page);
  layout->addWidget(caption);
  layout->addWidget(use);
  layout->addWidget(table, 1);
  m_tabs->addTab(page, QString());
  m_paramTabs.push_back({spec, page, use, caption, table});
}

void MatrixEditor::buildButtons() {
  m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  // Left of OK and Cancel, in this order on every platform: they fill the tables.
  m_start = new QPushButton(this);
  m_zeros = new QPushButton(this);
  m_random = new QPushButton(this);
  for (QPushButton* b : {m_start, m_zeros, m_random}) b->setAutoDefault(false);
  m_start->setEnabled(m_current.inputs && fits(*m_current.inputs));
  connect(m_start, &QPushButton::clicked, this, &MatrixEditor::startFromCurrent);
  connect(m_zeros, &QPushButton::clicked, this, [this] {
    for (const NamedTable& t : tablesInUse()) t.table->fill(QStringLiteral("0"));
  });
  connect(m_random, &QPushButton::clicked, this, &MatrixEditor::fillRandom);
  connect(m_buttons, &QDialogButtonBox::accepted, this, &MatrixEditor::acceptIfValid);
  connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void MatrixEditor::retranslate() {
  setWindowTitle(tr("Edit Q, K, V"));
  m_nLabel->setText(tr("&N (queries):"));
  m_mLabel->setText(tr("&M (keys):"));
  m_dkLabel->setText(tr("d&k:"));
  m_dvLabel->setText(tr("d&v:"));
  m_n->setToolTip(tr("Number of queries: the rows of Q"));
  m_m->setToolTip(tr("Number of keys: the rows of K and V"));
  m_dk->setToolTip(tr("Width of the queries and keys: the columns of Q and K"));
  m_dv->setToolTip(tr("Width of the values: the columns of V"));
  const core::InputDims d = dims();
  m_tabs->setTabText(m_tabs->indexOf(m_q.page), tr("Q: queries"));
  m_tabs->setTabText(m_tabs->indexOf(m_k.page), tr("K: keys"));
  m_tabs->setTabText(m_tabs->indexOf(m_v.page), tr("V: values"));
  m_q.caption->setText(tr("Q is N × dk = %1 × %2: one row per query.").arg(d.n).arg(d.dk));
  m_k.caption->setText(tr("K is M × dk = %1 × %2: one row per key.").arg(d.m).arg(d.dk));
  m_v.caption->setText(
      tr("V is M × dv = %1 × %2: one row per key, in the order of K.").arg(d.m).arg(d.dv));
  m_q.labelsName->setText(tr("&Query labels:"));
  m_k.labelsName->setText(tr("&Key labels:"));
  m_v.labelsName->setText(tr("&Key labels:"));
  for (QLineEdit* labels : {m_q.labels, m_k.labels, m_v.labels}) {
    labels->setPlaceholderText(tr("comma-separated, one per row (empty: numbers)"));
    labels->setToolTip(tr("Names of the rows, separated by commas, for the axes."));
  }
  for (const ParamTab& t : m_paramTabs) {
    const QString name = QString::fromStdString(t.spec.name);
    m_tabs->setTabText(m_tabs->indexOf(t.page), widgets::paramLabel(t.spec));
    m_tabs->setTabToolTip(m_tabs->indexOf(t.page), widgets::paramDescription(t.spec));
    t.caption->setText(
        tr("%1 is %2 = %3 × %4.")
            .arg(name, QString::fromStdString(t.spec.defaultText).replace(" x ", " × "),
                 QString::number(t.table->rowCount()), QString::number(t.table->columnCount())));
    t.use->setText(tr("Use these numbers (unticked: %1 is drawn from the seed)").arg(name));
  }
  m_start->setText(tr("Start from &current inputs"));
  m_start->setToolTip(
      m_start->isEnabled()
          ? tr("Copy the Q, K, V and labels the window computes on now.")
          : tr("The window's inputs do not fit here: at most %1 queries and %1 keys, widths up "
               "to %1, and Q as wide as K.")
                .arg(kMaxSize));
  m_zeros->setText(tr("Fill with &zeros"));
  m_zeros->setToolTip(tr("Write 0 in every cell of Q, K, V and of the matrices in use."));
  m_random->setText(tr("&Random"));
  m_random->setToolTip(
      tr("Small random numbers with one decimal in Q, K, V and the matrices in "
         "use; each click draws new ones."));
  validate();  // its sentence in the new language
}

}  // namespace atlas::app
