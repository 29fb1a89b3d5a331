// Every visible string exists in both languages: the .ts file has no unfinished entry and keeps
// every placeholder; every registered variant and parameter has a label and an explanation page
// in English and Chinese, and so do the welcome page and the glossary (the same terms in both,
// in the same order); every link between pages names a page that exists; every string the core
// marks for translation is translated.
#include "widgets/core_text.h"
#include "widgets/explanation_view.h"

#include "core/variant_registry.h"

#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace atlas;

namespace {

bool hasCjk(const QString& s) {
  for (QChar c : s)
    if (c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF) return true;
  return false;
}

QSet<QString> placeholders(const QString& s) {
  QSet<QString> out;
  auto it = QRegularExpression(QStringLiteral("%(\\d|n)")).globalMatch(s);
  while (it.hasNext()) out.insert(it.next().captured(0));
  return out;
}

struct TsMessage {
  QString context, source, translation, type;
};

std::vector<TsMessage> readTs() {
  QFile f(QStringLiteral(ATLAS_SOURCE_DIR "/translations/atlas_zh_CN.ts"));
  if (!f.open(QIODevice::ReadOnly)) return {};
  std::vector<TsMessage> out;
  QXmlStreamReader xml(&f);
  QString context;
  TsMessage m;
  while (!xml.atEnd()) {
    xml.readNext();
    if (!xml.isStartElement()) continue;
    if (xml.name() == QLatin1String("name"))
      context = xml.readElementText();
    else if (xml.name() == QLatin1String("message"))
      m = {context, {}, {}, {}};
    else if (xml.name() == QLatin1String("source"))
      m.source = xml.readElementText();
    else if (xml.name() == QLatin1String("translation")) {
      m.type = xml.attributes().value("type").toString();
      m.translation = xml.readElementText(QXmlStreamReader::IncludeChildElements);
      out.push_back(m);
    }
  }
  return out;
}

}  // namespace

class TestTranslations : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() { QVERIFY(m_zh.load(QStringLiteral(":/i18n/atlas_zh_CN.qm"))); }

  void tsHasNoUnfinishedEntry() {
    const auto messages = readTs();
    QVERIFY2(messages.size() > 100, "the .ts file was not found or is nearly empty");
    for (const auto& m : messages) {
      if (m.type == "vanished" || m.type == "obsolete") continue;
      QVERIFY2(m.type != "unfinished", qPrintable("unfinished: " + m.source));
      QVERIFY2(!m.translation.trimmed().isEmpty(), qPrintable("empty translation: " + m.source));
      QCOMPARE(placeholders(m.translation), placeholders(m.source));
    }
  }

  void everyVariantHasLabelsAndPages() {
    for (const core::Variant* v : core::allVariants()) {
      const QString id = QString::fromStdString(v->id());
      const QString en = widgets::variantLabel(v->id());
      QCOMPARE(en, QString::fromUtf8(v->label()));
      QVERIFY2(!en.isEmpty(), qPrintable("no label for " + id));
      QVERIFY2(!widgets::familyLabel(v->family()).isEmpty(), qPrintable(id));
      for (const char* lang : {"en", "zh_CN"}) {
        QFile page(widgets::ExplanationView::pagePath(lang, id));
        QVERIFY2(page.open(QIODevice::ReadOnly), qPrintable("no page " + page.fileName()));
        const QString html = QString::fromUtf8(page.readAll());
        QVERIFY2(html.contains(QLatin1String("<h2>")), qPrintable(page.fileName()));
        QCOMPARE(hasCjk(html), QString(lang) == "zh_CN");
      }
      QCoreApplication::installTranslator(&m_zh);
      const QString zh = widgets::variantLabel(v->id());
      QCoreApplication::removeTranslator(&m_zh);
      QVERIFY2(hasCjk(zh) && zh != en, qPrintable("no Chinese label for " + id));
    }
  }

  void theWelcomePageAndTheGlossaryHaveBothLanguages() {
    const QRegularExpression term(QStringLiteral("<tr><td>(.*?)</td><td>(.*?)</td>"));
    QStringList terms[2];
    for (int l = 0; l < 2; ++l) {
      const QString lang = l ? "zh_CN" : "en";
      for (const char* id : {"index", "glossary"}) {
        QFile page(widgets::ExplanationView::pagePath(lang, id));
        QVERIFY2(page.open(QIODevice::ReadOnly), qPrintable("no page " + page.fileName()));
        const QString html = QString::fromUtf8(page.readAll());
        QVERIFY2(html.contains(QLatin1String("<h2>")), qPrintable(page.fileName()));
        if (QLatin1String(id) == QLatin1String("index"))
          QCOMPARE(hasCjk(html), lang == "zh_CN");
        else
          for (auto m = term.globalMatch(html); m.hasNext();) {
            const auto match = m.next();
            terms[l] << match.captured(1) + " | " + match.captured(2);
          }
      }
    }
    QVERIFY2(terms[0].size() > 60, qPrintable(QString::number(terms[0].size())));
    QCOMPARE(terms[1], terms[0]);
  }

  void everyLinkNamesAPage() {
    const QRegularExpression link(QStringLiteral("href=\"([^\"]*)\""));
    const QRegularExpression page(QStringLiteral("^\\w+\\.html$"));
    int links = 0;
    for (const char* lang : {"en", "zh_CN"}) {
      QDirIterator it(QStringLiteral(":/pages/") + lang, {"*.html"}, QDir::Files);
      while (it.hasNext()) {
        QFile f(it.next());
        QVERIFY(f.open(QIODevice::ReadOnly));
        for (auto m = link.globalMatch(QString::fromUtf8(f.readAll())); m.hasNext(); ++links) {
          const QString target = m.next().captured(1);
          QVERIFY2(page.match(target).hasMatch(),
                   qPrintable(f.fileName() + " links outside the pages: " + target));
          QVERIFY2(QFile::exists(QStringLiteral(":/pages/%1/%2").arg(lang, target)),
                   qPrintable(f.fileName() + " links to a missing page: " + target));
        }
      }
    }
    QVERIFY(links > 0);
  }

  void everyParameterHasALabelAndADescription() {
    for (const core::Variant* v : core::allVariants())
      for (const core::ParamSpec& p : v->params()) {
        const std::string what = v->id() + ": " + p.name;
        QVERIFY2(*p.label && *p.description, what.c_str());
        QCoreApplication::installTranslator(&m_zh);
        const QString label = widgets::paramLabel(p), description = widgets::paramDescription(p);
        QCoreApplication::removeTranslator(&m_zh);
        QVERIFY2(hasCjk(label), qPrintable("no Chinese label: " + QString::fromStdString(what)));
        QVERIFY2(hasCjk(description),
                 qPrintable("no Chinese description: " + QString::fromStdString(what)));
      }
  }

  void coreStringsAreMarkedAndTranslated() {
    // Every sentence a core::Error is built from is marked where it is written: no Error(...)
    // takes a bare literal. Then every marked string of the core has a Chinese translation that
    // keeps its arguments.
    const QRegularExpression comment(QStringLiteral("//[^\\n]*"));
    const QRegularExpression bare(QStringLiteral("Error\\(Error::Kind::\\w+,\\s*\""));
    const QRegularExpression marked(QStringLiteral(
        "ATLAS_TR_NOOP\\(\\s*\"(\\w+)\",\\s*((?:\"(?:[^\"\\\\]|\\\\.)*\"\\s*)+)\\)"));
    const QRegularExpression literal(QStringLiteral("\"((?:[^\"\\\\]|\\\\.)*)\""));
    std::vector<std::pair<QString, QString>> strings;  // (context, source)
    QDirIterator it(QStringLiteral(ATLAS_SOURCE_DIR "/core"), {"*.cpp", "*.h"}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
      QFile f(it.next());
      QVERIFY(f.open(QIODevice::ReadOnly));
      const QString text = QString::fromUtf8(f.readAll()).remove(comment);
      QVERIFY2(!bare.match(text).hasMatch(), qPrintable("an unmarked error in " + f.fileName()));
      for (auto m = marked.globalMatch(text); m.hasNext();) {
        const auto match = m.next();
        QString source;
        for (auto l = literal.globalMatch(match.captured(2)); l.hasNext();)
          source += l.next().captured(1).replace("\\\"", "\"");
        strings.emplace_back(match.captured(1), source);
      }
    }
    QVERIFY(strings.size() > 150);
    QCoreApplication::installTranslator(&m_zh);
    for (const auto& [context, source] : strings) {
      const QString zh = QCoreApplication::translate(qPrintable(context), qPrintable(source));
      QVERIFY2(zh != source || context == "CostTerms",
               qPrintable("untranslated: " + context + " / " + source));
      if (context == "CoreErrors") {
        QVERIFY2(hasCjk(zh), qPrintable("untranslated: " + source));
        QCOMPARE(placeholders(zh), placeholders(source));
      }
    }
    QCoreApplication::removeTranslator(&m_zh);
  }

  void errorTextFillsArgumentsOnce() {
    QCOMPARE(widgets::errorText("%1: %2 is empty.", {"x%2.npy", "Q"}),
             QStringLiteral("x%2.npy: Q is empty."));
  }

 private:
  QTranslator m_zh;
};

QTEST_MAIN(TestTranslations)
#include "test_translations.moc"
