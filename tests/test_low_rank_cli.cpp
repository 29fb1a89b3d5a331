// `attention-atlas lowrank` (app/cli/lowrank_command.cpp): its JSON holds the library's numbers
// for the same request (the three error curves included), its table the three columns, and bad
// options get one sentence and exit code 2.
#include "cli_run.h"
#include "low_rank_fixtures.h"

#include "core/analysis/low_rank.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

#include <cmath>

using namespace atlas::core;
using namespace atlas::core::analysis;

class TestLowRankCli : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void printsJson();
  void printsTheErrorTable();
  void rejectsBadOptions();
};

void TestLowRankCli::printsJson() {
  const clirun::Run c =
      clirun::run({"lowrank", "--variant", "multi_head", "--set", "heads=2", "--n", "16", "--d",
                   "8", "--seed", "4", "--head", "1", "--ks", "8,2,16", "--json"});
  QVERIFY2(c.code == 0 && !c.crashed, qPrintable(c.err));
  QJsonParseError error;
  const QJsonObject o = QJsonDocument::fromJson(c.out.toUtf8(), &error).object();
  QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
  for (const char* key :
       {"variant", "head", "n", "m", "singular_values", "rank90", "rank99", "entropy_rank",
        "redundant_groups", "ks", "linformer_error", "random_projection_error",
        "random_projection_scale", "random_projection_draws", "best_error"})
    QVERIFY2(o.contains(key), key);
  QCOMPARE(o["variant"].toString(), QString("multi_head"));
  QCOMPARE(o["head"].toInt(), 1);
  QCOMPARE(o["n"].toInt(), 16);
  QCOMPARE(o["m"].toInt(), 16);
  QCOMPARE(o["singular_values"].toArray().size(), 16);
  QCOMPARE(o["ks"].toArray(), (QJsonArray{2, 8, 16}));
  QCOMPARE(o["random_projection_draws"].toInt(), kRandomProjectionDraws);
  for (const char* key : {"linformer_error", "random_projection_error", "best_error"})
    QCOMPARE(o[key].toArray().size(), 3);
  QVERIFY(o["redundant_groups"].isArray());
  // The same numbers as the library on the same request.
  const JobOutcome out = lowrank::runVariant("multi_head", {"heads=2"}, 16, 8, 4);
  const LowRankAnalysis a = analyzeLowRank(*out.result, *out.inputs, {.head = 1, .ks = {2, 8, 16}});
  QCOMPARE(o["rank99"].toInt(), int(a.rank99));
  QVERIFY(std::abs(o["entropy_rank"].toDouble() - a.entropyRank) < 1e-12);
  QVERIFY(std::abs(o["random_projection_scale"].toDouble() - a.randomProjectionScale) < 1e-12);
  for (int i = 0; i < 3; ++i) {
    QVERIFY(std::abs(o["linformer_error"].toArray()[i].toDouble() - a.linformerError[i]) < 1e-12);
    QVERIFY(std::abs(o["random_projection_error"].toArray()[i].toDouble() -
                     a.randomProjectionError[i]) < 1e-12);
    QVERIFY(std::abs(o["best_error"].toArray()[i].toDouble() - a.bestError[i]) < 1e-12);
  }
}

void TestLowRankCli::printsTheErrorTable() {
  const clirun::Run text =
      clirun::run({"lowrank", "--variant", "scaled_dot", "--n", "8", "--ks", "1,2,8"});
  QVERIFY2(text.code == 0 && !text.crashed, qPrintable(text.err));
  // A header naming the three curves in order, then one row per k with three numbers.
  const QStringList lines = text.out.split('\n');
  const int header = int(lines.indexOf(QRegularExpression(
      "^\\s*k\\s+random projection\\s+best rank-k\\s+untrained Linformer\\s*$")));
  QVERIFY2(header >= 0, qPrintable(text.out));
  const JobOutcome out = lowrank::runVariant("scaled_dot", {}, 8, 16, 0);
  const LowRankAnalysis a = analyzeLowRank(*out.result, *out.inputs, {.ks = {1, 2, 8}});
  for (int i = 0; i < 3; ++i) {
    const QStringList cells =
        lines.value(header + 1 + i).split(QRegularExpression("\\s+"), Qt::SkipEmptyParts);
    QCOMPARE(cells.size(), 4);
    QCOMPARE(cells[0].toLongLong(), qlonglong(a.ks[std::size_t(i)]));
    const double want[] = {a.randomProjectionError[std::size_t(i)], a.bestError[std::size_t(i)],
                           a.linformerError[std::size_t(i)]};
    for (int c = 0; c < 3; ++c)  // printed with 4 significant digits
      QVERIFY2(std::abs(cells[c + 1].toDouble() - want[c]) <= 1e-3 * std::abs(want[c]) + 1e-12,
               qPrintable(lines.value(header + 1 + i)));
  }
  // The help names the columns too.
  const clirun::Run help = clirun::run({"lowrank", "--help"});
  QCOMPARE(help.code, 0);
  QVERIFY(help.out.contains("random projection") && help.out.contains("untrained Linformer"));
}

void TestLowRankCli::rejectsBadOptions() {
  for (const QStringList& extra : {QStringList{"--head", "3"}, QStringList{"--ks", "1,x"},
                                   QStringList{"--ks", "0,2"}, QStringList{"--ks", "9"}}) {
    const clirun::Run c = clirun::run(
        QStringList{"lowrank", "--variant", "scaled_dot", "--n", "8", "--json"} + extra);
    QCOMPARE(c.code, 2);
    QVERIFY(c.out.isEmpty());
    const QString err = c.err.trimmed();
    QVERIFY2(!err.isEmpty() && !err.contains('\n'), qPrintable(c.err));
  }
  // A size the analysis refuses is refused before the variant is computed: with a memory limit
  // the computation alone would exceed, the sentence is the analysis' own, not advice to raise
  // the limit (which would only lead to the same refusal after the computation).
  const clirun::Run big = clirun::run(
      {"lowrank", "--variant", "scaled_dot", "--n", "8192", "--d", "8", "--max-memory", "64M"});
  QCOMPARE(big.code, 2);
  QVERIFY2(
      big.err.contains("low-rank analysis of a 8192 x 8192") && !big.err.contains("--max-memory"),
      qPrintable(big.err));
}

QTEST_GUILESS_MAIN(TestLowRankCli)
#include "test_low_rank_cli.moc"
