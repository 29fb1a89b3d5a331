#include "language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace atlas::app {

Language::Language(QObject* parent) : QObject(parent) {}

QString Language::systemDefault() {
  return QLocale::system().language() == QLocale::Chinese ? QStringLiteral("zh_CN")
                                                          : QStringLiteral("en");
}

bool Language::setLanguage(const QString& code) {
  if (code != "en" && code != "zh_CN") return false;
  if (m_app) {
    QCoreApplication::removeTranslator(m_app);
    delete m_app;
    m_app = nullptr;
  }
  if (m_qt) {
    QCoreApplication::removeTranslator(m_qt);
    delete m_qt;
    m_qt = nullptr;
  }
  if (code == "zh_CN") {
    const QLocale zh(QLocale::Chinese, QLocale::China);
    m_app = new QTranslator(this);
    if (!m_app->load(QStringLiteral(":/i18n/atlas_zh_CN.qm"))) return false;
    // Qt's own dialogs and buttons, when Debian's translations are installed.
    m_qt = new QTranslator(this);
    if (m_qt->load(zh, QStringLiteral("qtbase"), QStringLiteral("_"),
                   QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
      QCoreApplication::installTranslator(m_qt);
    QLocale::setDefault(zh);
    QCoreApplication::installTranslator(m_app);  // sends LanguageChange to every widget
  } else {
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    // Removing the translators already posted LanguageChange.
  }
  m_code = code;
  return true;
}

}  // namespace atlas::app
