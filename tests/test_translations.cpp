// Every visible string exists in both languages: the .ts file has no unfinished entry and keeps
// every placeholder; every registered variant and parameter has a label and an explanation page
// in English and Chinese; the catalogue of core error sentences matches the core's sources.
#include "widgets/error_text.h"
#include "widgets/explanation_view.h"
#include "widgets/param_labels.h"
#include "widgets/variant_labels.h"

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

  void everyParameterHasALabel() {
    QCoreApplication::installTranslator(&m_zh);
    for (const core::Variant* v : core::allVariants())
      for (const core::ParamSpec& p : v->params()) {
        QVERIFY2(!widgets::paramLabel(v->id(), p.name).isEmpty(),
                 qPrintable(QString::fromStdString(v->id() + ": no label for " + p.name)));
        QVERIFY2(!widgets::paramTooltip(v->id(), p.name).isEmpty(), p.name.c_str());
      }
    QCoreApplication::removeTranslator(&m_zh);
  }

  void coreErrorCatalogueMatchesTheSources() {
    // The sentences the core can throw: literals passed straight to Error(...) and every literal
    // holding a %1 placeholder, comments removed (the same rule the catalogue was made with).
    QSet<QString> inSources;
    const QRegularExpression comment(QStringLiteral("//[^\\n]*"));
    const QRegularExpression direct(
        QStringLiteral("Error\\(Error::Kind::\\w+,\\s*\"((?:[^\"\\\\]|\\\\.)*)\""));
    const QRegularExpression withArg(
        QStringLiteral("\"((?:[^\"\\\\\\n]|\\\\.)*%1(?:[^\"\\\\\\n]|\\\\.)*)\""));
    QDirIterator it(QStringLiteral(ATLAS_SOURCE_DIR "/core"), {"*.cpp", "*.h"}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
      QFile f(it.next());
      QVERIFY(f.open(QIODevice::ReadOnly));
      // Adjacent literals ("a" "b", split over lines) are one literal.
      const QString text = QString::fromUtf8(f.readAll())
                               .remove(comment)
                               .replace(QRegularExpression(QStringLiteral("\"\\s+\"")), QString());
      for (const auto& re : {direct, withArg}) {
        auto m = re.globalMatch(text);
        while (m.hasNext()) inSources.insert(m.next().captured(1).replace("\\\"", "\""));
      }
    }
    int count = 0;
    const char* const* formats = widgets::coreErrorFormats(&count);
    QSet<QString> catalogue;
    for (int i = 0; i < count; ++i) catalogue.insert(QString::fromUtf8(formats[i]));
    QVERIFY(inSources.size() > 30);
    for (const QString& s : inSources)
      QVERIFY2(catalogue.contains(s), qPrintable("not in the catalogue: " + s));
    for (const QString& s : catalogue)
      QVERIFY2(inSources.contains(s), qPrintable("no longer in core: " + s));
    // ... and each one has a Chinese translation that keeps its arguments.
    QCoreApplication::installTranslator(&m_zh);
    for (const QString& s : catalogue) {
      const QString zh = widgets::errorText(s.toStdString(), {"a", "b", "c", "d", "e", "f"});
      QVERIFY2(hasCjk(zh), qPrintable("untranslated: " + s));
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
