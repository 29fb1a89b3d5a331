#include "parameter_panel.h"

#include "core_text.h"

#include "core/params.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace atlas::widgets {
namespace {

const char* const kSources[] = {"random", "positional", "clustered", "sentence", "files"};
const char* const kSourceLabels[] = {
    QT_TRANSLATE_NOOP("atlas::widgets::ParameterPanel", "Random"),
    QT_TRANSLATE_NOOP("atlas::widgets::ParameterPanel", "Positional"),
    QT_TRANSLATE_NOOP("atlas::widgets::ParameterPanel", "Clustered"),
    QT_TRANSLATE_NOOP("atlas::widgets::ParameterPanel", "Sentence"),
    QT_TRANSLATE_NOOP("atlas::widgets::ParameterPanel", "Files")};
// The sentence the panel starts with, in the UI language at the start (a known example of an
// ambiguous pronoun). A language switch later leaves it: it never recomputes anything.
constexpr auto kDefaultSentence =
    QT_TRANSLATE_NOOP("atlas::widgets::ParameterPanel",
                      "The animal did not cross the street because it was too tired");

}  // namespace

ParameterPanel::ParameterPanel(QWidget* parent) : QWidget(parent) {
  m_inputsBox = new QGroupBox(this);
  m_paramsBox = new QGroupBox(this);
  m_inputsForm = new QFormLayout(m_inputsBox);
  m_paramsForm = new QFormLayout(m_paramsBox);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_inputsBox);
  layout->addWidget(m_paramsBox);
  layout->addStretch(1);
  buildInputs();
  retranslate();
}

QWidget* ParameterPanel::makeIntField(const QString& name, int min, int max, int sliderMax,
                                      int value, const QString& special) {
  auto* field = new QWidget(this);
  auto* spin = new QSpinBox(field);
  spin->setObjectName(name);
  spin->setRange(min, max);
  spin->setValue(value);
  spin->setAccelerated(true);
  if (!special.isEmpty()) spin->setSpecialValueText(special);
  auto* slider = new QSlider(Qt::Horizontal, field);
  slider->setRange(min, std::min(max, sliderMax));
  slider->setValue(value);
  auto* row = new QHBoxLayout(field);
  row->setContentsMargins(0, 0, 0, 0);
  row->addWidget(slider, 1);
  row->addWidget(spin);
  connect(slider, &QSlider::valueChanged, spin, &QSpinBox::setValue);
  connect(spin, &QSpinBox::valueChanged, this, [this, slider](int v) {
    const QSignalBlocker block(slider);
    slider->setValue(v);
    Q_EMIT changed();
  });
  return field;
}

void ParameterPanel::buildInputs() {
  m_source = new QComboBox(this);
  m_source->setObjectName("source");
  for (const char* id : kSources) m_source->addItem(QString(), QString::fromLatin1(id));
  m_source->setCurrentIndex(3);  // a sentence: token labels on the axes from the first start
  m_sentence = new QLineEdit(tr(kDefaultSentence), this);
  m_sentence->setObjectName("text");
  m_sentence->setCursorPosition(0);
  m_keySentence = new QLineEdit(this);
  m_keySentence->setObjectName("keyText");
  m_queryLabels = new QLineEdit(this);
  m_queryLabels->setObjectName("queryLabels");
  m_keyLabels = new QLineEdit(this);
  m_keyLabels->setObjectName("keyLabels");
  auto add = [this](const QString& name, QWidget* editor) {
    auto* label = new QLabel(this);
    label->setBuddy(editor->findChild<QSpinBox*>() ? editor->findChild<QSpinBox*>() : editor);
    m_inputsForm->addRow(label, editor);
    m_inputRows.push_back({name, label, editor});
  };
  add("source", m_source);
  add("text", m_sentence);
  add("keyText", m_keySentence);
  add("queryLabels", m_queryLabels);
  add("keyLabels", m_keyLabels);
  // The defaults are the core's, as the command line's are: the same command draws the picture
  // the window shows.
  const core::InputSpec defaults;
  add("n", makeIntField("n", 1, 65536, 1024, int(defaults.n)));
  add("m", makeIntField("m", 0, 65536, 1024, 0, QStringLiteral("= N")));
  add("d", makeIntField("d", 1, 4096, 256, int(defaults.d)));
  add("dv", makeIntField("dv", 0, 4096, 256, 0, QStringLiteral("= d")));
  auto* seed = new QSpinBox(this);
  seed->setObjectName("seed");
  seed->setRange(0, 999999999);
  add("seed", seed);
  connect(seed, &QSpinBox::valueChanged, this, &ParameterPanel::changed);
  connect(m_source, &QComboBox::currentIndexChanged, this, [this] {
    updateEnabled();
    Q_EMIT changed();
  });
  for (QLineEdit* sentence : {m_sentence, m_keySentence})
    connect(sentence, &QLineEdit::textChanged, this, [this] {
      if (!usesFiles() && m_source->currentData().toString() == "sentence") Q_EMIT changed();
    });
  for (QLineEdit* labels : {m_queryLabels, m_keyLabels})
    connect(labels, &QLineEdit::editingFinished, this, [this] {
      if (usesFiles()) Q_EMIT changed();
    });
  updateEnabled();
}

void ParameterPanel::updateEnabled() {
  const QString src = m_source->currentData().toString();
  const bool files = src == "files", sentence = src == "sentence";
  for (const Row& r : m_inputRows) {
    if (r.name == "text" || r.name == "keyText") {
      r.editor->setEnabled(sentence);
    } else if (r.name == "queryLabels" || r.name == "keyLabels") {
      // The labels name the rows of loaded files: shown only for them.
      r.editor->setEnabled(files);
      m_inputsForm->setRowVisible(r.editor, files);
    } else if (r.name == "n" || r.name == "m") {
      r.editor->setEnabled(!files && !sentence);
    } else if (r.name == "d" || r.name == "dv") {
      r.editor->setEnabled(!files);
    }
  }
  // The "files" entry is offered only once files were loaded.
  auto* model = qobject_cast<QStandardItemModel*>(m_source->model());
  if (model) model->item(4)->setEnabled(!m_filesDescription.isEmpty());
}

void ParameterPanel::setFilesLoaded(const QString& description) {
  m_filesDescription = description;
  updateEnabled();
  m_source->setToolTip(description);
  m_source->setCurrentIndex(4);
}

QSpinBox* ParameterPanel::spinBox(const QString& name) const { return findChild<QSpinBox*>(name); }

QWidget* ParameterPanel::editor(const QString& name) const {
  for (const Row& r : m_paramRows)
    if (r.name == name) return r.editor;
  return nullptr;
}

void ParameterPanel::setVariant(const core::Variant& variant, const QVariantMap& saved) {
  m_variant = &variant;
  m_specs = variant.params();
  while (m_paramsForm->rowCount() > 0) m_paramsForm->removeRow(0);
  m_paramRows.clear();
  for (const core::ParamSpec& s : m_specs) {
    const QString name = QString::fromStdString(s.name);
    const QString savedText = saved.value(name).toString();
    QWidget* editor = nullptr;
    switch (s.kind) {
      case core::ParamKind::Int: {
        const int v = savedText.isEmpty() ? int(s.defaultValue) : savedText.toInt();
        editor = makeIntField(name, int(s.min), int(s.max), std::min(int(s.max), 64),
                              std::clamp(v, int(s.min), int(s.max)));
        break;
      }
      case core::ParamKind::Real: {
        auto* spin = new QDoubleSpinBox(this);
        spin->setDecimals(3);
        spin->setRange(s.min, s.max);
        spin->setSingleStep((s.max - s.min) / 100);
        spin->setValue(savedText.isEmpty() ? s.defaultValue : savedText.toDouble());
        connect(spin, &QDoubleSpinBox::valueChanged, this, &ParameterPanel::changed);
        editor = spin;
        break;
      }
      case core::ParamKind::Bool: {
        auto* box = new QCheckBox(this);
        box->setChecked(savedText.isEmpty() ? s.defaultValue != 0 : savedText == "true");
        connect(box, &QCheckBox::toggled, this, &ParameterPanel::changed);
        editor = box;
        break;
      }
      case core::ParamKind::Text: {
        auto* line = new QLineEdit(
            savedText.isEmpty() ? QString::fromStdString(s.defaultText) : savedText, this);
        connect(line, &QLineEdit::editingFinished, this, &ParameterPanel::changed);
        editor = line;
        break;
      }
      case core::ParamKind::Matrix:
        editor = new QLabel(this);
        break;
    }
    editor->setObjectName("param_" + name);
    auto* label = new QLabel(this);
    m_paramsForm->addRow(label, editor);
    m_paramRows.push_back({name, label, editor});
  }
  retranslate();
}

core::ParamSet ParameterPanel::variantParams() const {
  core::ParamSet out = core::defaultParams(m_specs);
  out.seed = static_cast<std::uint64_t>(spinBox("seed")->value());
  for (std::size_t i = 0; i < m_paramRows.size(); ++i) {
    const Row& r = m_paramRows[i];
    const std::string& name = m_specs[i].name;
    if (auto* spin = r.editor->findChild<QSpinBox*>())
      out.numbers[name] = spin->value();
    else if (auto* d = qobject_cast<QDoubleSpinBox*>(r.editor))
      out.numbers[name] = d->value();
    else if (auto* c = qobject_cast<QCheckBox*>(r.editor))
      out.numbers[name] = c->isChecked() ? 1.0 : 0.0;
    else if (auto* l = qobject_cast<QLineEdit*>(r.editor))
      out.texts[name] = l->text().toStdString();
  }
  return out;
}

QVariantMap ParameterPanel::variantValues() const {
  QVariantMap out;
  for (std::size_t i = 0; i < m_paramRows.size(); ++i) {
    const Row& r = m_paramRows[i];
    if (auto* spin = r.editor->findChild<QSpinBox*>())
      out[r.name] = QString::number(spin->value());
    else if (auto* d = qobject_cast<QDoubleSpinBox*>(r.editor))
      out[r.name] = QString::number(d->value(), 'g', 10);
    else if (auto* c = qobject_cast<QCheckBox*>(r.editor))
      out[r.name] = c->isChecked() ? "true" : "false";
    else if (auto* l = qobject_cast<QLineEdit*>(r.editor))
      out[r.name] = l->text();
  }
  return out;
}

QVariantMap ParameterPanel::inputValues() const {
  QVariantMap v;
  v["source"] = m_source->currentData().toString();
  v["text"] = m_sentence->text();
  v["keyText"] = m_keySentence->text();
  for (const char* k : {"n", "m", "d", "dv", "seed"}) v[k] = spinBox(k)->value();
  return v;
}

void ParameterPanel::setInputValues(const QVariantMap& values) {
  {
    const QSignalBlocker block(this);
    for (const char* k : {"n", "m", "d", "dv", "seed"})
      if (values.contains(k)) spinBox(k)->setValue(values.value(k).toInt());
    if (values.contains("text")) m_sentence->setText(values.value("text").toString());
    m_keySentence->setText(values.value("keyText").toString());
    m_sentence->setCursorPosition(0);
    const int i = m_source->findData(values.value("source"));
    if (i >= 0 && i != 4) m_source->setCurrentIndex(i);  // files are not restored
  }
  updateEnabled();
  Q_EMIT changed();
}

core::InputSpec ParameterPanel::inputSpec() const {
  core::InputSpec spec;
  const QString src = m_source->currentData().toString();
  if (src == "positional")
    spec.source = core::InputSource::Positional;
  else if (src == "clustered")
    spec.source = core::InputSource::Clustered;
  else if (src == "sentence")
    spec.source = core::InputSource::Sentence;
  spec.text = m_sentence->text().toStdString();
  spec.keyText = m_keySentence->text().trimmed().toStdString();
  spec.n = spinBox("n")->value();
  spec.m = spinBox("m")->value();
  spec.d = spinBox("d")->value();
  spec.dv = spinBox("dv")->value();
  spec.seed = static_cast<std::uint64_t>(spinBox("seed")->value());
  return spec;
}

bool ParameterPanel::usesFiles() const { return m_source->currentData().toString() == "files"; }

QString ParameterPanel::queryLabels() const { return m_queryLabels->text(); }
QString ParameterPanel::keyLabels() const { return m_keyLabels->text(); }

void ParameterPanel::setLabels(const QString& query, const QString& key) {
  if (query == m_queryLabels->text() && key == m_keyLabels->text()) return;
  m_queryLabels->setText(query);
  m_keyLabels->setText(key);
  if (usesFiles()) Q_EMIT changed();
}

void ParameterPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void ParameterPanel::retranslate() {
  m_inputsBox->setTitle(tr("Inputs"));
  m_paramsBox->setTitle(tr("Variant parameters"));
  for (int i = 0; i < m_source->count(); ++i) m_source->setItemText(i, tr(kSourceLabels[i]));
  const QMap<QString, QString> inputLabels = {{"source", tr("&Source")},
                                              {"text", tr("Sen&tence")},
                                              {"n", tr("&Queries N")},
                                              {"keyText", tr("Ke&y sentence")},
                                              {"queryLabels", tr("Query &labels")},
                                              {"keyLabels", tr("Key l&abels")},
                                              {"m", tr("&Keys M")},
                                              {"d", tr("&Width d (query/key)")},
                                              {"dv", tr("&Value width dv")},
                                              {"seed", tr("S&eed")}};
  for (const Row& r : m_inputRows) r.label->setText(inputLabels.value(r.name));
  m_sentence->setToolTip(
      tr("Each word or Chinese character gets a random vector drawn from the seed, and the "
         "queries and keys their own random projections. Nothing is trained: the patterns show "
         "the mechanism, not grammar or meaning."));
  m_keySentence->setPlaceholderText(tr("the same sentence (self-attention)"));
  m_keySentence->setToolTip(
      tr("Keys and values from another sentence: cross-attention, one query per token of the "
         "sentence above, one key per token of this one."));
  m_queryLabels->setPlaceholderText(tr("e.g. deer, ox, sheep (one per row of Q)"));
  m_keyLabels->setPlaceholderText(tr("one per row of K (empty: numbers)"));
  for (QLineEdit* l : {m_queryLabels, m_keyLabels})
    l->setToolTip(tr("Names of the rows of the loaded files, separated by commas, for the axes."));
  spinBox("m")->setSpecialValueText(tr("= N"));
  spinBox("dv")->setSpecialValueText(tr("= d"));
  m_source->setToolTip(m_filesDescription.isEmpty()
                           ? tr("Where Q, K and V come from. Load files with File > Open Q, K, V.")
                           : m_filesDescription);
  for (std::size_t i = 0; i < m_paramRows.size(); ++i) {
    const Row& r = m_paramRows[i];
    const core::ParamSpec& spec = m_specs[i];
    const QString label = paramLabel(spec);
    r.label->setText(label.isEmpty() ? r.name : label);
    r.label->setToolTip(paramDescription(spec));
    r.editor->setToolTip(paramDescription(spec));
    if (auto* l = qobject_cast<QLabel*>(r.editor)) l->setText(tr("drawn from the seed"));
  }
}

}  // namespace atlas::widgets
