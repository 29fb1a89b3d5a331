// Switching the UI language at run time: installs the translator, sets the default locale
// (number formats, explanation pages) and lets Qt send LanguageChange to every widget.
#pragma once

#include <QObject>
#include <QString>

class QTranslator;

namespace atlas::app {

class Language : public QObject {
  Q_OBJECT
 public:
  explicit Language(QObject* parent = nullptr);
  /// "en" or "zh_CN". Returns false (and keeps the current one) for anything else.
  bool setLanguage(const QString& code);
  QString current() const { return m_code; }
  /// The language the system locale asks for: "zh_CN" for any Chinese locale, else "en".
  static QString systemDefault();

 private:
  QTranslator* m_app = nullptr;
  QTranslator* m_qt = nullptr;
  QString m_code = QStringLiteral("en");
};

}  // namespace atlas::app
