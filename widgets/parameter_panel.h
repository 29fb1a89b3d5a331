// The parameter panel: the inputs (source, N, M, d, dv, seed) and the chosen variant's own
// parameters, generated from its parameter specs. Emits changed() on every edit.
#pragma once

#include "core/inputs.h"
#include "core/variant.h"

#include <QVariantMap>
#include <QWidget>

#include <vector>

class QComboBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace atlas::widgets {

class ParameterPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ParameterPanel(QWidget* parent = nullptr);

  /// Rebuilds the variant's fields; `saved` (name -> text) restores earlier values.
  void setVariant(const core::Variant& variant, const QVariantMap& saved = {});
  /// The variant's parameters as they are set: its defaults with every editor's value, typed
  /// (the editors keep numbers within their specs' ranges). Matrices are left to the seed. The
  /// seed is the input seed (inputSpec().seed).
  core::ParamSet variantParams() const;
  /// The same as text, by parameter name (matrices excluded): what the settings keep.
  QVariantMap variantValues() const;

  /// Keys: source ("random", "positional", "clustered", "sentence", "files"), text, keyText,
  /// n, m, d, dv, seed.
  QVariantMap inputValues() const;
  void setInputValues(const QVariantMap& values);
  core::InputSpec inputSpec() const;
  bool usesFiles() const;
  /// Offers the "files" source (after Q, K, V were loaded) and selects it.
  void setFilesLoaded(const QString& description);
  /// The labels typed for the rows of loaded Q and K (comma-separated; empty: none).
  QString queryLabels() const;
  QString keyLabels() const;
  /// Sets both label fields (a lesson's scene); emits changed() once when files are used.
  void setLabels(const QString& query, const QString& key);

  QSpinBox* spinBox(
      const QString& name) const;              ///< "n", "m", "d", "dv", "seed" or an Int parameter
  QWidget* editor(const QString& name) const;  ///< a variant parameter's editor
  QComboBox* sourceBox() const { return m_source; }
  QLineEdit* sentenceField() const { return m_sentence; }
  /// The keys' sentence (cross-attention); empty: the sentence attends to itself.
  QLineEdit* keySentenceField() const { return m_keySentence; }

 Q_SIGNALS:
  void changed();

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void buildInputs();
  void retranslate();
  void updateEnabled();
  QWidget* makeIntField(const QString& name, int min, int max, int sliderMax, int value,
                        const QString& special = {});

  QGroupBox* m_inputsBox;
  QGroupBox* m_paramsBox;
  QFormLayout* m_inputsForm;
  QFormLayout* m_paramsForm;
  QComboBox* m_source;
  QLineEdit* m_sentence;
  QLineEdit* m_keySentence;
  QLineEdit* m_queryLabels;
  QLineEdit* m_keyLabels;
  QString m_filesDescription;
  const core::Variant* m_variant = nullptr;
  std::vector<core::ParamSpec> m_specs;
  struct Row {
    QString name;
    QLabel* label;
    QWidget* editor;
  };
  std::vector<Row> m_inputRows, m_paramRows;
};

}  // namespace atlas::widgets
