// End-to-end test of the command line's results: runs the built executable, reads back its
// .npy files and meta.json, and checks them against the independent reference (reference.h).
#include "cli_run.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <map>
#include <random>

using atlas::core::io::NpyArray;
using clirun::fileBytes;
using clirun::run;
using clirun::Run;
using clirun::writeRandom;

namespace {

NpyArray load(const QString& dir, const QString& name) {
  try {
    return atlas::core::io::readNpy((dir + "/" + name).toStdString());
  } catch (const std::exception& e) {
    qWarning("%s", e.what());
    return {};
  }
}

QJsonObject readJson(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return QJsonDocument::fromJson(f.readAll()).object();
}

/// A uint8 .npy (readNpy reads floats only): checks the header is exactly the C-order "|u1" one
/// of `shape` and returns the payload, or an empty array.
QByteArray loadMask(const QString& path, const std::vector<std::int64_t>& shape) {
  const QByteArray bytes = fileBytes(path);
  const QByteArray header = QByteArray::fromStdString(atlas::core::io::npyHeader("|u1", shape));
  return bytes.startsWith(header) ? bytes.mid(header.size()) : QByteArray();
}

/// The "--set KEY=VALUE" pairs of an argument list.
std::map<QString, QString> setValues(const QStringList& args) {
  std::map<QString, QString> kv;
  for (qsizetype i = 0; i + 1 < args.size(); ++i)
    if (args[i] == "--set") kv[args[i + 1].section('=', 0, 0)] = args[i + 1].section('=', 1);
  return kv;
}

/// Every variant of the catalogue with its family, read from docs/variants.md (the spec the
/// registry must follow, not the registry itself): each `## Family` section's table rows start
/// with the variant's id in backticks.
std::map<QString, QString> documentedFamilies() {
  const std::map<QString, QString> sections = {
      {"Dense scoring", "dense_scoring"},
      {"Fixed sparse patterns", "fixed_sparse"},
      {"Data-dependent patterns", "data_dependent"},
      {"Fewer keys", "fewer_keys"},
      {"Change of multiplication order", "reordered"},
      {"Not from query–key dot products", "not_qk"},
      {"Same result, another schedule", "schedule"},
  };
  QFile f(QStringLiteral(ATLAS_SOURCE_DIR "/docs/variants.md"));
  if (!f.open(QIODevice::ReadOnly)) return {};
  std::map<QString, QString> out;
  QString family;
  const QRegularExpression row(QStringLiteral("^\\| `(\\w+)` \\|"));
  for (const QString& line : QString::fromUtf8(f.readAll()).split('\n')) {
    if (line.startsWith(QLatin1String("## "))) {
      const auto it = sections.find(line.mid(3).trimmed());
      family = it == sections.end() ? QString() : it->second;
    } else if (const auto m = row.match(line); m.hasMatch() && !family.isEmpty()) {
      out[m.captured(1)] = family;
    }
  }
  return out;
}

}  // namespace

class TestCliCompute : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase();
  void variantsJson();
  void variantsPlain();
  void compute_data();
  void compute();
  void reproducible();
  void labelsReachMeta();
};

void TestCliCompute::initTestCase() { QVERIFY2(QFile::exists(ATLAS_CLI_PATH), ATLAS_CLI_PATH); }

void TestCliCompute::variantsJson() {
  const Run r = run({"variants", "--json"});
  QCOMPARE(r.code, 0);
  QJsonParseError perr;
  const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &perr);
  QVERIFY2(perr.error == QJsonParseError::NoError, qPrintable(perr.errorString()));
  const QJsonArray all = doc.object().value("variants").toArray();
  std::map<QString, QJsonObject> byId;
  for (const QJsonValue& v : all) byId[v.toObject().value("id").toString()] = v.toObject();
  const std::map<QString, QString> kFamilies = documentedFamilies();
  QVERIFY(kFamilies.size() >= 20);
  QCOMPARE(all.size(), int(kFamilies.size()));
  QCOMPARE(byId.size(), kFamilies.size());
  std::map<QString, std::map<QString, QJsonObject>> params;
  for (const auto& [id, family] : kFamilies) {
    QVERIFY2(byId.count(id), qPrintable(id));
    const QJsonObject v = byId[id];
    QCOMPARE(v.value("family").toString(), family);
    QVERIFY(!v.value("description").toString().isEmpty());
    for (const QJsonValue& pv : v.value("parameters").toArray()) {
      const QJsonObject p = pv.toObject();
      const QString type = p.value("type").toString();
      QVERIFY2(!p.value("name").toString().isEmpty() && !type.isEmpty() && p.contains("default"),
               qPrintable(id));
      if (type == "int" || type == "real" || type == "bool")
        QVERIFY2(p.contains("min") && p.contains("max"), qPrintable(p.value("name").toString()));
      params[id][p.value("name").toString()] = p;
    }
  }
  QCOMPARE(params["multi_head"]["heads"].value("default").toInt(), 4);
  QCOMPARE(params["grouped_query"]["heads"].value("default").toInt(), 8);
  QCOMPARE(params["grouped_query"]["groups"].value("default").toInt(), 2);
  QCOMPARE(params["additive"]["hidden"].value("default").toInt(), 16);
  for (const char* m : {"W_q", "W_k", "w_v"})
    QCOMPARE(params["additive"][m].value("type").toString(), QString("matrix"));
  QCOMPARE(params["bilinear"]["W"].value("type").toString(), QString("matrix"));
  QCOMPARE(params["local_window"]["window"].value("default").toInt(), 2);
  QCOMPARE(params["sinkhorn"]["tau"].value("default").toDouble(), 0.75);
  QCOMPARE(params["linformer"]["rank"].value("default").toInt(), 8);
  QCOMPARE(params["flash"]["tile_q"].value("default").toInt(), 32);
}

void TestCliCompute::variantsPlain() {
  const Run r = run({"variants"});
  QCOMPARE(r.code, 0);
  for (const auto& [id, family] : documentedFamilies())
    QVERIFY2(r.out.contains(id), qPrintable(id));
}

void TestCliCompute::compute_data() {
  QTest::addColumn<QString>("variant");
  QTest::addColumn<QStringList>("sizes");  // random run only: files fix the sizes
  QTest::addColumn<QStringList>("opts");   // both runs
  QTest::addColumn<int>("heads");
  QTest::addColumn<int>("n");
  QTest::addColumn<int>("m");
  QTest::addColumn<int>("dv");  // total output width
  auto add = [](const char* name, const char* variant, const QString& sizes, const QString& opts,
                int heads, int n, int m, int dv) {
    QTest::newRow(name) << QString(variant) << sizes.split(' ', Qt::SkipEmptyParts)
                        << opts.split(' ', Qt::SkipEmptyParts) << heads << n << m << dv;
  };
  add("scaled_dot", "scaled_dot", "--n 12 --d 8", "", 1, 12, 12, 8);
  add("scaled_dot causal", "scaled_dot", "--n 10 --d 6 --dv 4", "--causal", 1, 10, 10, 4);
  add("scaled_dot cross", "scaled_dot", "--n 7 --m 13 --d 8 --dv 5", "", 1, 7, 13, 5);
  add("additive", "additive", "--n 9 --d 6 --dv 3", "--set hidden=5", 1, 9, 9, 3);
  add("additive causal", "additive", "--n 8 --d 4", "--causal", 1, 8, 8, 4);
  add("distance cross", "distance", "--n 11 --m 6 --d 8", "", 1, 11, 6, 8);
  add("distance causal", "distance", "--n 10 --d 8 --input clustered", "--causal", 1, 10, 10, 8);
  add("bilinear", "bilinear", "--n 8 --m 10 --d 6", "", 1, 8, 10, 6);
  add("bilinear dq=5", "bilinear", "--n 8 --d 6", "--set dq=5", 1, 8, 8, 6);
  add("multi_head", "multi_head", "--n 12 --d 16 --input positional", "", 4, 12, 12, 16);
  add("multi_head h=2 causal", "multi_head", "--n 9 --d 8 --dv 4", "--set heads=2 --causal", 2, 9,
      9, 4);
  add("grouped_query", "grouped_query", "--n 10 --d 16", "", 8, 10, 10, 16);
  add("grouped_query g=1 causal", "grouped_query", "--n 10 --m 12 --d 8",
      "--set heads=4 --set groups=1 --causal", 4, 10, 12, 8);
  add("grouped_query sentence", "grouped_query", "--d 8 --input sentence:The,cat,sat,on,the,mat.",
      "--set heads=2", 2, 12, 12, 8);  // six words, five commas, one full stop
}

void TestCliCompute::compute() {
  QFETCH(QString, variant);
  QFETCH(QStringList, sizes);
  QFETCH(QStringList, opts);
  QFETCH(int, heads);
  QFETCH(int, n);
  QFETCH(int, m);
  QFETCH(int, dv);
  const bool causal = opts.contains("--causal");
  const auto sets = setValues(opts);

  // 1. Generated inputs: shapes, masks, normalised rows, meta.json.
  QTemporaryDir dir;
  const Run r = run(QStringList{"compute", "--variant", variant, "--seed", "3"} + sizes + opts +
                    QStringList{"--out", dir.path()});
  QVERIFY2(r.code == 0 && !r.crashed, qPrintable(r.err));
  const QJsonObject meta = readJson(dir.filePath("meta.json"));
  const QJsonObject inputs = meta.value("inputs").toObject();
  const NpyArray w = load(dir.path(), "weights.npy"), out = load(dir.path(), "output.npy");
  const std::vector<std::int64_t> shape = {heads, n, m};
  const QByteArray mask = loadMask(dir.filePath("mask.npy"), shape);
  QCOMPARE(w.shape, shape);
  QCOMPARE(mask.size(), qsizetype(heads) * n * m);  // header of exactly this shape, then the bytes
  QCOMPARE(out.shape, (std::vector<std::int64_t>{n, dv}));
  for (int a = 0; a < heads; ++a)
    for (int i = 0; i < n; ++i) {
      double sum = 0;
      for (int j = 0; j < m; ++j) {
        const std::size_t at = std::size_t((a * n + i) * m + j);
        QCOMPARE(int(mask[qsizetype(at)]), (!causal || j <= i) ? 1 : 0);
        QVERIFY(w.data[at] >= 0.0f);
        sum += w.data[at];
      }
      QVERIFY2(std::abs(sum - 1.0) < 1e-5,
               qPrintable(QString("head %1 row %2 sums to %3").arg(a).arg(i).arg(sum)));
    }
  for (const char* key : {"variant", "family", "parameters", "inputs", "heads", "flops", "exps",
                          "bytes", "peak", "seconds", "terms"})
    QVERIFY2(meta.contains(key), key);
  QCOMPARE(meta.value("variant").toString(), variant);
  QCOMPARE(meta.value("family").toString(), QString("dense_scoring"));
  QCOMPARE(meta.value("heads").toInt(), heads);
  QVERIFY(meta.value("flops").toDouble() > 0);
  QVERIFY(meta.value("seconds").toDouble(-1) >= 0);
  QVERIFY(!meta.value("terms").toArray().isEmpty());
  const QJsonObject params = meta.value("parameters").toObject();
  QCOMPARE(params.value("causal").toBool(), causal);
  for (const auto& [key, value] : sets)
    QVERIFY2(params.value(key).toDouble() == value.toDouble(), qPrintable(key));

  // Matrix parameters are written and named in meta.json.
  std::map<QString, std::vector<std::int64_t>> matrices;
  const int dq = inputs.value("dq").toInt(), dk = inputs.value("dk").toInt();
  if (variant == "additive") {
    const int hidden = params.value("hidden").toInt();
    matrices = {{"W_q", {dq, hidden}}, {"W_k", {dk, hidden}}, {"w_v", {hidden}}};
  } else if (variant == "bilinear") {
    matrices = {{"W", {dq, dk}}};
  }
  for (const auto& [name, mshape] : matrices) {
    QCOMPARE(params.value(name).toString(), "params/" + name + ".npy");
    QCOMPARE(load(dir.path(), "params/" + name + ".npy").shape, mshape);
  }

  // 2. The same sizes from the test's own Q, K, V and parameter files, against the reference.
  std::mt19937 rng(20240601);
  const int vin = inputs.value("dv").toInt();
  const auto q = writeRandom(dir.filePath("Q.npy"), {n, dq}, rng);
  const auto k = writeRandom(dir.filePath("K.npy"), {m, dk}, rng);
  const auto v = writeRandom(dir.filePath("V.npy"), {m, vin}, rng);
  QStringList args = {"compute",
                      "--variant",
                      variant,
                      "--seed",
                      "77",
                      "--q",
                      dir.filePath("Q.npy"),
                      "--k",
                      dir.filePath("K.npy"),
                      "--v",
                      dir.filePath("V.npy")};
  std::map<QString, ref::Mat<double>> given;
  for (const auto& [name, mshape] : matrices) {
    given[name] = writeRandom(dir.filePath("given_" + name + ".npy"), mshape, rng);
    args << "--set" << name + "=" + dir.filePath("given_" + name + ".npy");
  }
  const QString out2 = dir.filePath("files");
  const Run r2 = run(args + opts + QStringList{"--out", out2});
  QVERIFY2(r2.code == 0 && !r2.crashed, qPrintable(r2.err));
  QCOMPARE(readJson(out2 + "/meta.json").value("inputs").toObject().value("source").toString(),
           QString("files"));
  std::vector<ref::Head<double>> expect;
  const int groups = variant == "grouped_query" ? params.value("groups").toInt() : heads;
  if (variant == "scaled_dot")
    expect = {ref::scaledDot(q, k, v, causal)};
  else if (variant == "distance")
    expect = {ref::distance(q, k, v, causal)};
  else if (variant == "additive")
    expect = {ref::additive(q, k, v, given["W_q"], given["W_k"], given["w_v"], causal)};
  else if (variant == "bilinear")
    expect = {ref::bilinear(q, k, v, given["W"], causal)};
  else
    expect = ref::grouped(q, k, v, std::size_t(heads), std::size_t(groups), causal);
  const NpyArray w2 = load(out2, "weights.npy"), o2 = load(out2, "output.npy");
  QCOMPARE(w2.shape, shape);
  QCOMPARE(o2.shape, (std::vector<std::int64_t>{n, dv}));
  QCOMPARE(int(expect.size()), heads);
  double err = 0;
  for (int a = 0; a < heads; ++a) {
    const int dvh = int(expect[a].o[0].size());
    for (int i = 0; i < n; ++i) {
      for (int j = 0; j < m; ++j)
        err =
            std::max(err, std::abs(w2.data[std::size_t((a * n + i) * m + j)] - expect[a].p[i][j]));
      for (int c = 0; c < dvh; ++c)
        err =
            std::max(err, std::abs(o2.data[std::size_t(i * dv + a * dvh + c)] - expect[a].o[i][c]));
    }
  }
  QVERIFY2(err <= 1e-5, qPrintable(QString("max error %1 against the reference").arg(err)));
}

void TestCliCompute::reproducible() {
  QTemporaryDir dir;
  const QStringList base = {"compute", "--n", "14", "--m", "9", "--d", "6", "--seed", "42"};
  auto compute = [&](const QString& sub, const QStringList& extra) {
    const Run r = run(base + extra + QStringList{"--out", dir.filePath(sub)});
    if (r.code != 0) qWarning("%s", qPrintable(r.err));
    return r.code == 0 ? fileBytes(dir.filePath(sub + "/weights.npy")) : QByteArray();
  };
  const QByteArray a = compute("a", {"--variant", "scaled_dot"});
  QVERIFY(!a.isEmpty());
  QCOMPARE(compute("b", {"--variant", "scaled_dot"}), a);

  const QByteArray c = compute("c", {"--variant", "additive"});
  QVERIFY(!c.isEmpty());
  QCOMPARE(compute("d", {"--variant", "additive"}), c);
  QStringList fed = {"--variant", "additive"};
  for (const char* name : {"W_q", "W_k", "w_v"})
    fed << "--set"
        << QString("%1=%2").arg(name, dir.filePath(QString("c/params/%1.npy").arg(name)));
  QCOMPARE(compute("e", fed), c);
  QCOMPARE(fileBytes(dir.filePath("e/output.npy")), fileBytes(dir.filePath("c/output.npy")));
}

void TestCliCompute::labelsReachMeta() {
  // Cross-attention of two sentences, and files whose rows are named: meta.json says the
  // queries' and the keys' tokens, and the arrays have one row per query and a column per key.
  QTemporaryDir dir;
  const auto meta = [&](const QString& sub) {
    QFile f(dir.filePath(sub + "/meta.json"));
    return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object()
                                       : QJsonObject();
  };
  const auto strings = [](const QJsonValue& v) {
    QStringList out;
    for (const QJsonValue& s : v.toArray()) out << s.toString();
    return out;
  };
  Run r =
      run({"compute", "--variant", "scaled_dot", "--d", "8", "--input", "sentence:Good morning !",
           "--key-sentence", "早上好！", "--out", dir.filePath("x")});
  QVERIFY2(r.code == 0, qPrintable(r.err));
  QJsonObject in = meta("x").value("inputs").toObject();
  QCOMPARE(in.value("n").toInt(), 3);
  QCOMPARE(in.value("m").toInt(), 4);
  QCOMPARE(strings(in.value("tokens")), (QStringList{"Good", "morning", "!"}));
  QCOMPARE(strings(in.value("key_tokens")), (QStringList{"早", "上", "好", "！"}));
  QCOMPARE(in.value("key_text").toString(), QString("早上好！"));
  const QByteArray w = fileBytes(dir.filePath("x/weights.npy"));
  QVERIFY(w.contains("'shape': (1, 3, 4)"));

  std::mt19937 rng(3);
  writeRandom(dir.filePath("q.npy"), {2, 4}, rng);
  writeRandom(dir.filePath("kv.npy"), {3, 4}, rng);
  QFile ql(dir.filePath("q.txt")), kl(dir.filePath("k.txt"));
  QVERIFY(ql.open(QIODevice::WriteOnly) && kl.open(QIODevice::WriteOnly));
  ql.write("四不像\n骡子\n");
  kl.write("鹿\n牛\n羊\n");
  ql.close();
  kl.close();
  r = run({"compute", "--variant", "scaled_dot", "--q", dir.filePath("q.npy"), "--k",
           dir.filePath("kv.npy"), "--v", dir.filePath("kv.npy"), "--query-labels",
           dir.filePath("q.txt"), "--key-labels", dir.filePath("k.txt"), "--out",
           dir.filePath("f")});
  QVERIFY2(r.code == 0, qPrintable(r.err));
  in = meta("f").value("inputs").toObject();
  QCOMPARE(strings(in.value("tokens")), (QStringList{"四不像", "骡子"}));
  QCOMPARE(strings(in.value("key_tokens")), (QStringList{"鹿", "牛", "羊"}));
}

QTEST_APPLESS_MAIN(TestCliCompute)
#include "test_cli_compute.moc"
