// Lessons: every built-in lesson reads and every scene computes; the basics' worked examples give
// their exact values; a lesson survives writing and reading back; a damaged or foreign file is
// refused with one sentence; saving replaces a file only once the new one is complete.
#include "core/engine.h"
#include "core/io/file_bytes.h"
#include "core/lesson.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace atlas::core;

namespace {

const Scene& sceneTitled(const Lesson& lesson, const std::string& englishTitle) {
  for (const Scene& s : lesson.scenes)
    if (s.title.en == englishTitle) return s;
  qFatal("no scene '%s'", englishTitle.c_str());
}

JobOutcome compute(const Scene& s, const char* language = "en") {
  return Engine().run(s.request(language, {})).front();
}

/// Whether `f` throws a BadFile error whose sentence holds every needle.
bool refused(const std::function<void()>& f, const QStringList& needles) {
  try {
    f();
  } catch (const Error& e) {
    const QString what = QString::fromStdString(e.what());
    for (const QString& n : needles)
      if (!what.contains(n)) {
        qWarning("'%s' lacks '%s'", e.what(), qPrintable(n));
        return false;
      }
    return e.kind() == Error::Kind::BadFile;
  }
  return false;
}

/// A one-scene lesson around `scene` (a JSON object's members).
std::string lessonWith(const std::string& scene, int version = 1) {
  return "{\"format\": \"attention-atlas-lesson\", \"version\": " + std::to_string(version) +
         ", \"scenes\": [{" + scene + "}]}";
}

}  // namespace

class TestLessons : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void everyBuiltinLessonComputes() {
    QVERIFY(builtinLessonNames().size() >= 1);
    for (const std::string& name : builtinLessonNames()) {
      const Lesson lesson = loadLesson(name);
      QVERIFY2(!lesson.scenes.empty(), name.c_str());
      QVERIFY2(!lesson.title.en.empty() && !lesson.title.zh.empty(), name.c_str());
      for (std::size_t i = 0; i < lesson.scenes.size(); ++i) {
        const Scene& s = lesson.scenes[i];
        const std::string where = name + " scene " + std::to_string(i + 1);
        QVERIFY2(!s.title.en.empty() && !s.title.zh.empty(), where.c_str());
        QVERIFY2(!s.caption.en.empty() && !s.caption.zh.empty(), where.c_str());
        for (const char* language : {"en", "zh_CN"}) {
          const JobOutcome out = compute(s, language);
          QVERIFY2(out.ok(), (where + ": " + out.message()).c_str());
        }
      }
    }
  }

  void theLookupGivesItsExactWeights() {
    const Lesson basics = loadLesson("basics");
    const Scene& s = sceneTitled(basics, "Attention is a soft lookup");
    const JobOutcome out = compute(s, "zh_CN");
    QVERIFY2(out.ok(), out.message().c_str());
    const VariantResult& r = *out.result;
    QCOMPARE(out.inputs->queryTokens, (std::vector<std::string>{"四不像"}));
    QCOMPARE(out.inputs->keyTokens, (std::vector<std::string>{"鹿", "牛", "羊", "驴", "青蛙"}));
    const double expected[5] = {1.0 / 3, 1.0 / 6, 1.0 / 4, 1.0 / 4, 0.0};
    for (int j = 0; j < 5; ++j) {
      QVERIFY2(std::abs(r.weight(0, 0, j) - expected[j]) < 2e-7,
               qPrintable(QString("weight %1: %2").arg(j).arg(r.weight(0, 0, j))));
      QVERIFY2(std::abs(r.output(0, j) - expected[j]) < 2e-7, qPrintable(QString::number(j)));
    }
    QCOMPARE(r.weight(0, 0, 4), 0.0f);  // masked: exactly 0
    QVERIFY(!r.computed(0, 0, 4));
  }

  void theTranslationAlignsAsATranslatorWould() {
    const Lesson basics = loadLesson("basics");
    const JobOutcome out = compute(sceneTitled(basics, "Translation is cross-attention"));
    QVERIFY2(out.ok(), out.message().c_str());
    const VariantResult& r = *out.result;
    QCOMPARE(r.dims.n, Index(3));
    QCOMPARE(r.dims.m, Index(3));
    QCOMPARE(out.inputs->queryTokens, (std::vector<std::string>{"Good", "morning", "!"}));
    QCOMPARE(out.inputs->keyTokens, (std::vector<std::string>{"早上", "好", "！"}));
    const int aligned[3] = {1, 0, 2};  // Good -> 好, morning -> 早上, ! -> ！
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j)
        if (j != aligned[i]) QVERIFY(r.weight(0, i, aligned[i]) > 4 * r.weight(0, i, j));
  }

  void aLessonSurvivesWritingAndReading() {
    for (const std::string& name : builtinLessonNames()) {
      const Lesson lesson = loadLesson(name);
      const std::string text = lessonToJson(lesson);
      const Lesson back = parseLesson(text, name);
      QCOMPARE(lessonToJson(back), text);
      QCOMPARE(back.title, lesson.title);
      QCOMPARE(back.scenes.size(), lesson.scenes.size());
      for (std::size_t i = 0; i < lesson.scenes.size(); ++i) {
        const Scene &a = lesson.scenes[i], &b = back.scenes[i];
        QCOMPARE(b.title, a.title);
        QCOMPARE(b.caption, a.caption);
        QCOMPARE(b.variant, a.variant);
        QCOMPARE(b.params.numbers, a.params.numbers);
        QCOMPARE(b.params.texts, a.params.texts);
        QCOMPARE(b.params.seed, a.params.seed);
        QCOMPARE(b.view, a.view);
        QCOMPARE(b.step, a.step);
        QCOMPARE(b.compare, a.compare);
        QCOMPARE(b.page, a.page);
        QCOMPARE(b.queryLabels, a.queryLabels);
        QCOMPARE(b.keyLabels, a.keyLabels);
        QCOMPARE(bool(b.matrices), bool(a.matrices));
        if (a.matrices) {
          QCOMPARE(b.matrices->q, a.matrices->q);
          QCOMPARE(b.matrices->k, a.matrices->k);
          QCOMPARE(b.matrices->v, a.matrices->v);
        } else {
          QCOMPARE(int(b.spec.source), int(a.spec.source));
          QCOMPARE(b.spec.text, a.spec.text);
          QCOMPARE(b.spec.n, a.spec.n);
          QCOMPARE(b.spec.d, a.spec.d);
        }
      }
    }
  }

  void damagedLessonsAreRefused_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("needles");
    const auto add = [](const char* name, const std::string& text, const QStringList& needles) {
      QTest::newRow(name) << QString::fromStdString(text) << needles;
    };
    const std::string good = "\"variant\": \"scaled_dot\"";
    const std::string whole = lessonWith(good);
    add("truncated", whole.substr(0, whole.size() / 2), {"l.json", "line"});
    add("not JSON", "scenes: 1", {"l.json", "line 1"});
    add("another format", "{\"format\": \"slides\", \"version\": 1, \"scenes\": []}",
        {"not a lesson"});
    add("a later version", lessonWith(good, 2), {"version 2", "version 1"});
    add("no scenes", "{\"format\": \"attention-atlas-lesson\", \"version\": 1, \"scenes\": []}",
        {"at least one"});
    add("unknown variant", lessonWith("\"variant\": \"nope\""), {"scene 1", "nope"});
    add("unknown parameter", lessonWith(good + ", \"parameters\": {\"heads\": 2}"),
        {"scene 1", "heads"});
    add("parameter out of range", lessonWith(good + ", \"parameters\": {\"valid_keys\": -1}"),
        {"valid_keys", "between"});
    add("ragged matrix",
        lessonWith(good + ", \"inputs\": {\"source\": \"matrices\", \"q\": [[1, 2], [3]], \"k\": "
                          "[[1, 2]], \"v\": [[1]]}"),
        {"inputs.q", "every row as long"});
    add("labels that do not count the rows",
        lessonWith(good + ", \"inputs\": {\"source\": \"matrices\", \"q\": [[1]], \"k\": [[1]], "
                          "\"v\": [[1]], \"key_labels\": [\"a\", \"b\"]}"),
        {"2 key labels"});
    add("step out of range", lessonWith(good + ", \"step\": -3"), {"step"});
    add("unknown variant to compare",
        lessonWith(good + ", \"compare\": [\"additive\", \"softmaxx\"]"), {"compare", "softmaxx"});
    add("unknown input", lessonWith(good + ", \"inputs\": {\"source\": \"poem\"}"), {"poem"});
  }

  void damagedLessonsAreRefused() {
    QFETCH(QString, text);
    QFETCH(QStringList, needles);
    QVERIFY(refused([&] { parseLesson(text.toStdString(), "l.json"); }, needles));
  }

  void anUnknownLessonNamesTheBuiltInOnes() {
    QVERIFY(refused([] { loadLesson("no-such-lesson"); }, {"no-such-lesson", "basics"}));
  }

  void savingReplacesAFileOnlyWhenComplete() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("lesson.json").toStdString();
    const Lesson basics = loadLesson("basics");
    saveLesson(basics, path);
    QCOMPARE(io::readFileBytes(path), lessonToJson(basics));
    QCOMPARE(loadLesson(path).scenes.size(), basics.scenes.size());
    // A save that cannot be written (a full disk, a kill) leaves the old file as it was:
    // test_atomic_saves.
  }
};

QTEST_GUILESS_MAIN(TestLessons)
#include "test_lessons.moc"
