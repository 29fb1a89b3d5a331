// The command line's lessons: `compute --lesson NAME --scene K` writes that scene's matrices and
// labels, `export --lesson` writes one figure per scene of every shipped lesson in both
// languages, and every mistake (an option the lesson fixes, a scene out of range, an unknown or
// damaged lesson) is one sentence with exit code 2. The lessons are read here with
// QJsonDocument, not with the application's reader.
#include "cli_run.h"

#include <QDir>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using clirun::fileBytes;
using clirun::run;
using clirun::Run;

namespace {

QJsonObject readJson(const QString& path) {
  return QJsonDocument::fromJson(fileBytes(path)).object();
}

/// The shipped lessons (resources/lessons/NAME.json): name -> number of scenes.
std::map<QString, int> shippedLessons() {
  std::map<QString, int> out;
  const QDir dir(QStringLiteral(ATLAS_SOURCE_DIR "/resources/lessons"));
  for (const QString& file : dir.entryList({"*.json"}, QDir::Files))
    out[file.chopped(5)] = int(readJson(dir.filePath(file))["scenes"].toArray().size());
  return out;
}

QStringList strings(const QJsonValue& v) {
  QStringList out;
  for (const QJsonValue& s : v.toArray()) out << s.toString();
  return out;
}

/// A refusal: exit code 2, no crash, one line starting "error: " that contains `needle`.
bool refusedWith(const Run& r, const QString& needle) {
  const bool ok = !r.crashed && r.code == 2 && r.err.startsWith("error: ") &&
                  r.err.count('\n') == 1 && r.err.contains(needle);
  if (!ok) qWarning("code %d, stderr: %s", r.code, qPrintable(r.err));
  return ok;
}

}  // namespace

class TestCliLessons : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void theLookupSceneWritesItsWeightsAndLabels() {
    QTemporaryDir dir;
    for (const QString lang : {"en", "zh_CN"}) {
      const QString out = dir.filePath(lang);
      const Run r =
          run({"compute", "--lesson", "basics", "--scene", "1", "--lang", lang, "--out", out});
      QVERIFY2(r.code == 0, qPrintable(r.err));
      // The course's numbers: 1/3, 1/6, 1/4, 1/4 and exactly 0 for the masked frog.
      const auto w = atlas::core::io::readNpy((out + "/weights.npy").toStdString());
      QCOMPARE(w.shape, (std::vector<std::int64_t>{1, 1, 5}));
      const double expected[5] = {1.0 / 3, 1.0 / 6, 0.25, 0.25, 0.0};
      for (int j = 0; j < 5; ++j) QVERIFY(std::abs(w.data[j] - expected[j]) < 1e-6);
      QCOMPARE(w.data[4], 0.0f);
      const QJsonObject inputs = readJson(out + "/meta.json")["inputs"].toObject();
      QCOMPARE(inputs["source"].toString(), QString("lesson"));
      QCOMPARE(inputs["lesson"].toString(), QString("basics"));
      QCOMPARE(inputs["scene"].toInt(), 1);
      QCOMPARE(inputs["n"].toInt(), 1);
      QCOMPARE(inputs["m"].toInt(), 5);
      const QStringList keys = lang == "en" ? QStringList{"deer", "ox", "sheep", "donkey", "frog"}
                                            : QStringList{"鹿", "牛", "羊", "驴", "青蛙"};
      QCOMPARE(strings(inputs["key_tokens"]), keys);
      QCOMPARE(strings(inputs["tokens"]).size(), 1);
      if (lang == "zh_CN") QCOMPARE(strings(inputs["tokens"]), QStringList{"四不像"});
    }
  }

  void theTranslationSceneIsCrossAttention() {
    QTemporaryDir dir;
    const Run r = run(
        {"compute", "--lesson", "basics", "--scene", "4", "--lang", "zh_CN", "--out", dir.path()});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonObject inputs = readJson(dir.filePath("meta.json"))["inputs"].toObject();
    QCOMPARE(strings(inputs["tokens"]), (QStringList{"Good", "morning", "!"}));
    QCOMPARE(strings(inputs["key_tokens"]), (QStringList{"早上", "好", "！"}));
    const auto w = atlas::core::io::readNpy(dir.filePath("weights.npy").toStdString());
    QCOMPARE(w.shape, (std::vector<std::int64_t>{1, 3, 3}));
    const int aligned[3] = {1, 0, 2};  // Good -> 好, morning -> 早上, ! -> ！
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j)
        if (j != aligned[i]) QVERIFY(w.data[i * 3 + aligned[i]] > w.data[i * 3 + j]);
  }

  void exportWritesOneFigurePerSceneOfEveryLesson() {
    const auto lessons = shippedLessons();
    QVERIFY(lessons.size() >= 1);
    QTemporaryDir dir;
    for (const auto& [name, scenes] : lessons)
      for (const QString lang : {"en", "zh_CN"}) {
        const QString out = dir.filePath(name + "-" + lang);
        const Run r = run({"export", "--lesson", name, "--lang", lang, "--width", "640", "--height",
                           "480", "--dpi", "96", "--out", out});
        QVERIFY2(r.code == 0, qPrintable(name + ": " + r.err));
        const QStringList files = QDir(out).entryList({"*.png"}, QDir::Files, QDir::Name);
        QCOMPARE(files.size(), scenes);
        for (int k = 1; k <= scenes; ++k) {
          const QString file = QString("scene-%1.png").arg(k, 2, 10, QChar('0'));
          QCOMPARE(files[k - 1], file);
          const QImage image(QDir(out).filePath(file));
          QCOMPARE(image.size(), QSize(640, 480));
        }
      }
  }

  void exportWritesOneSceneAsPdf() {
    QTemporaryDir dir;
    const Run r = run(
        {"export", "--lesson", "basics", "--scene", "2", "--format", "pdf", "--out", dir.path()});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"scene-02.pdf"});
    QVERIFY(fileBytes(dir.filePath("scene-02.pdf")).startsWith("%PDF-"));
  }

  void aLessonFileOfTheUsersOwnIsRead() {
    QTemporaryDir dir;
    const QString path = dir.filePath("mine.json");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"format": "attention-atlas-lesson", "version": 1, "title": "Mine", "scenes": [
      {"title": "Two keys", "variant": "scaled_dot",
       "inputs": {"source": "matrices", "q": [[1, 0]], "k": [[1, 0], [0, 1]], "v": [[1], [2]],
                  "query_labels": ["q"], "key_labels": ["a", "b"]}},
      {"title": "Causal", "variant": "scaled_dot", "inputs": {"n": 4, "d": 2},
       "parameters": {"causal": true}}]})");
    f.close();
    const Run r = run({"compute", "--lesson", path, "--scene", "1", "--out", dir.filePath("o")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    // softmax([1, 0] / sqrt(2)), written out.
    const double e = std::exp(1.0 / std::sqrt(2.0));
    const auto w = atlas::core::io::readNpy(dir.filePath("o/weights.npy").toStdString());
    QVERIFY(std::abs(w.data[0] - e / (e + 1)) < 1e-6);
    QVERIFY(std::abs(w.data[1] - 1 / (e + 1)) < 1e-6);
    const Run c = run({"compute", "--lesson", path, "--scene", "2", "--out", dir.filePath("c")});
    QVERIFY2(c.code == 0, qPrintable(c.err));
    const auto mask = fileBytes(dir.filePath("c/mask.npy")).right(16);
    for (int i = 0; i < 4; ++i)
      for (int j = 0; j < 4; ++j) QCOMPARE(mask[i * 4 + j] != 0, j <= i);
    const Run x = run({"export", "--lesson", path, "--out", dir.filePath("x")});
    QVERIFY2(x.code == 0, qPrintable(x.err));
    QCOMPARE(QDir(dir.filePath("x")).entryList(QDir::Files).size(), 2);
  }

  void mistakesAreOneSentence_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("needle");
    const QStringList c{"compute", "--lesson", "basics"};
    QTest::newRow("no scene") << c + QStringList{"--out", "o"} << "--scene K";
    QTest::newRow("scene 0") << c + QStringList{"--scene", "0", "--out", "o"} << "from 1 to";
    QTest::newRow("scene past the end")
        << c + QStringList{"--scene", "999", "--out", "o"} << "from 1 to";
    QTest::newRow("a variant too")
        << c + QStringList{"--scene", "1", "--variant", "additive", "--out", "o"} << "--variant";
    QTest::newRow("a size too") << c + QStringList{"--scene", "1", "--n", "8", "--out", "o"}
                                << "--n";
    QTest::newRow("a parameter too")
        << c + QStringList{"--scene", "1", "--set", "causal=true", "--out", "o"} << "--set";
    QTest::newRow("scene without lesson")
        << QStringList{"compute", "--variant", "additive", "--scene", "1", "--out", "o"}
        << "--lesson";
    QTest::newRow("unknown lesson")
        << QStringList{"compute", "--lesson", "no-such", "--scene", "1", "--out", "o"} << "basics";
    QTest::newRow("unknown language")
        << c + QStringList{"--scene", "1", "--lang", "fr", "--out", "o"} << "'fr'";
    QTest::newRow("a view for a lesson")
        << QStringList{"export", "--lesson", "basics", "--view", "output", "--out", "o"}
        << "--view";
  }

  void mistakesAreOneSentence() {
    QFETCH(QStringList, args);
    QFETCH(QString, needle);
    QTemporaryDir dir;
    for (QString& a : args)
      if (a == "o") a = dir.filePath("o");
    QVERIFY(refusedWith(run(args), needle));
    QVERIFY(!QFileInfo::exists(dir.filePath("o")));  // refused before any output
  }

  void aDamagedLessonIsRefusedAndWritesNothing() {
    QTemporaryDir dir;
    const QByteArray whole =
        fileBytes(QStringLiteral(ATLAS_SOURCE_DIR "/resources/lessons/basics.json"));
    QVERIFY(whole.size() > 400);
    QFile f(dir.filePath("cut.json"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(whole.left(whole.size() / 2));
    f.close();
    for (const QString command : {"compute", "export"}) {
      QStringList args{command, "--lesson", dir.filePath("cut.json"), "--out", dir.filePath("o")};
      if (command == "compute")
        args << "--scene"
             << "1";
      QVERIFY(refusedWith(run(args), "cut.json"));
      QVERIFY(!QFileInfo::exists(dir.filePath("o")));
    }
  }
};

QTEST_GUILESS_MAIN(TestCliLessons)
#include "test_cli_lessons.moc"
