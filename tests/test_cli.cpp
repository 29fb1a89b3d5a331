// End-to-end test of the command line: runs the built attention-atlas executable, reads back
// its .npy files and meta.json, and checks them against the independent reference (reference.h).
#include "reference.h"

#include "core/io/npy.h"

#include <QElapsedTimer>

#include <sys/resource.h>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <map>
#include <random>

using atlas::core::io::NpyArray;

namespace {

struct Run {
  int code = -1;
  bool crashed = true;
  QString out, err;
  qint64 ms = 0;
};

/// Runs the CLI. With `addressSpaceLimit` (bytes), the child may not map more than that: a
/// command that allocated an N x N matrix before refusing it would fail with "Out of memory".
Run run(const QStringList& args, rlim_t addressSpaceLimit = 0) {
  QProcess p;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert("QT_QPA_PLATFORM", "offscreen");
  p.setProcessEnvironment(env);
  if (addressSpaceLimit > 0) {
    p.setChildProcessModifier([addressSpaceLimit] {
      const rlimit limit{addressSpaceLimit, addressSpaceLimit};
      setrlimit(RLIMIT_AS, &limit);
    });
  }
  QElapsedTimer timer;
  timer.start();
  p.start(ATLAS_CLI_PATH, args);
  Run r;
  if (!p.waitForFinished(60000)) {
    p.kill();
    p.waitForFinished();
    r.err = "timed out or failed to start";
    return r;
  }
  r.ms = timer.elapsed();
  r.code = p.exitCode();
  r.crashed = p.exitStatus() != QProcess::NormalExit;
  r.out = QString::fromUtf8(p.readAllStandardOutput());
  r.err = QString::fromUtf8(p.readAllStandardError());
  return r;
}

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

QByteArray fileBytes(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// A uint8 .npy (readNpy reads floats only): checks the header is exactly the C-order "|u1" one
/// of `shape` and returns the payload, or an empty array.
QByteArray loadMask(const QString& path, const std::vector<std::int64_t>& shape) {
  const QByteArray bytes = fileBytes(path);
  const QByteArray header = QByteArray::fromStdString(atlas::core::io::npyHeader("|u1", shape));
  return bytes.startsWith(header) ? bytes.mid(header.size()) : QByteArray();
}

void writeBytes(const QString& path, const QByteArray& bytes) {
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write(bytes);
}

/// Random values in [-1, 1] written as float32 .npy; returned as the doubles of those floats
/// (a 1-D shape gives a column: rows x 1, as ref::additive reads w_v).
ref::Mat<double> writeRandom(const QString& path, const std::vector<std::int64_t>& shape,
                             std::mt19937& rng) {
  const std::int64_t rows = shape[0], cols = shape.size() > 1 ? shape[1] : 1;
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  std::int64_t count = 1;  // every entry of the shape (a 3-D fixture has more than rows x cols)
  for (std::int64_t s : shape) count *= s;
  std::vector<float> data(static_cast<std::size_t>(count));
  for (float& x : data) x = u(rng);
  atlas::core::io::writeNpy(path.toStdString(), data.data(), shape);
  ref::Mat<double> m(rows, std::vector<double>(cols));
  for (std::int64_t i = 0; i < rows; ++i)
    for (std::int64_t j = 0; j < cols; ++j) m[i][j] = data[std::size_t(i * cols + j)];
  return m;
}

/// A .npy file with a hand-written header dict (padded to 64 bytes) and raw payload.
QByteArray npyBytes(const QByteArray& dict, const QByteArray& payload) {
  QByteArray h = dict;
  while ((10 + h.size() + 1) % 64) h += ' ';
  h += '\n';
  QByteArray out("\x93NUMPY\x01\x00", 8);
  out += char(h.size() & 0xff);
  out += char(h.size() >> 8);
  return out + h + payload;
}

/// The "--set KEY=VALUE" pairs of an argument list.
std::map<QString, QString> setValues(const QStringList& args) {
  std::map<QString, QString> kv;
  for (qsizetype i = 0; i + 1 < args.size(); ++i)
    if (args[i] == "--set") kv[args[i + 1].section('=', 0, 0)] = args[i + 1].section('=', 1);
  return kv;
}

}  // namespace

class TestCli : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir m_tmp;
  QString path(const QString& name) const { return m_tmp.filePath(name); }

 private Q_SLOTS:
  void initTestCase();
  void variantsJson();
  void variantsPlain();
  void compute_data();
  void compute();
  void reproducible();
  void errors_data();
  void errors();
  void help_data();
  void help();
  void exportHeadless_data();
  void exportHeadless();
};

void TestCli::initTestCase() {
  QVERIFY(m_tmp.isValid());
  QVERIFY2(QFile::exists(ATLAS_CLI_PATH), ATLAS_CLI_PATH);
  // Fixtures for the error cases.
  std::mt19937 rng(11);
  writeRandom(path("q.npy"), {4, 3}, rng);
  writeRandom(path("k.npy"), {5, 3}, rng);
  writeRandom(path("k2.npy"), {5, 2}, rng);
  writeRandom(path("v.npy"), {5, 3}, rng);
  writeRandom(path("v4.npy"), {4, 3}, rng);
  writeRandom(path("cube.npy"), {2, 3, 4}, rng);
  const std::vector<float> nan = {1.0f, std::nanf(""), 0.5f, 2.0f}, four = {1.0f, 2.0f, 3.0f, 4.0f};
  atlas::core::io::writeNpy(path("nan.npy").toStdString(), nan.data(), {2, 2});
  writeBytes(path("garbage.npy"), QByteArray("this is not a numpy file at all, just text\n"));
  writeBytes(path("fortran.npy"),
             npyBytes("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }",
                      QByteArray(reinterpret_cast<const char*>(four.data()), 16)));
  writeBytes(path("bad.csv"), QByteArray("1,2,3\n4,abc,6\n"));
}

namespace {
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
      {"Not from queries and keys", "not_qk"},
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

void TestCli::variantsJson() {
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

void TestCli::variantsPlain() {
  const Run r = run({"variants"});
  QCOMPARE(r.code, 0);
  for (const auto& [id, family] : documentedFamilies())
    QVERIFY2(r.out.contains(id), qPrintable(id));
}

void TestCli::compute_data() {
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

void TestCli::compute() {
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

void TestCli::reproducible() {
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

void TestCli::errors_data() {
  QTest::addColumn<QStringList>("args");
  QTest::addColumn<QStringList>("expected");  // every one must appear in stderr
  const QString out = path("err_out");
  auto add = [&](const char* name, const QString& args, const QStringList& expected,
                 bool withOut = true) {
    QStringList a = args.split(' ', Qt::SkipEmptyParts);
    for (QString& s : a) s.replace("@", m_tmp.path() + "/");
    if (withOut) a << "--out" << out;
    QTest::newRow(name) << a << expected;
  };
  add("unknown variant", "compute --variant nope", {"Unknown variant", "nope"});
  add("unknown parameter", "compute --variant scaled_dot --set foo=1", {"has no parameter", "foo"});
  add("heads out of range", "compute --variant multi_head --set heads=0", {"between"});
  add("non-numeric --n", "compute --variant scaled_dot --n abc", {"--n"});
  add("heads not dividing d", "compute --variant multi_head --d 10", {"divisible"});
  add("--q alone", "compute --variant scaled_dot --q @q.npy", {"together"});
  add("Q and K widths differ", "compute --variant scaled_dot --q @q.npy --k @k2.npy --v @v.npy",
      {"as wide as the keys", "Q has 3"});
  add("K and V rows differ", "compute --variant scaled_dot --q @q.npy --k @k.npy --v @v4.npy",
      {"same number of rows"});
  add("garbage npy", "compute --variant scaled_dot --q @garbage.npy --k @k.npy --v @v.npy",
      {"magic"});
  add("Fortran npy", "compute --variant scaled_dot --q @fortran.npy --k @k.npy --v @v.npy",
      {"Fortran"});
  add("NaN npy", "compute --variant scaled_dot --q @nan.npy --k @k.npy --v @v.npy", {"NaN"});
  add("3-D npy", "compute --variant scaled_dot --q @cube.npy --k @k.npy --v @v.npy", {"2-D"});
  add("csv non-number", "compute --variant scaled_dot --q @bad.csv --k @k.npy --v @v.npy",
      {"line 2", "abc", "not a number"});
  add("missing file", "compute --variant scaled_dot --q @none.npy --k @k.npy --v @v.npy",
      {"none.npy", "cannot be opened"});
  add("missing --out", "compute --variant scaled_dot", {"--out"}, false);
  add("unknown option", "compute --variant scaled_dot --frobnicate 3",
      {"Unknown option", "--frobnicate"});
  add("matrix parameter without file", "compute --variant bilinear --set W=3", {"W"});
  add("too large", "compute --variant scaled_dot --n 200000", {"memory limit", "--max-memory"});
  add("over --max-memory", "compute --variant scaled_dot --n 2048 --max-memory 1M",
      {"memory limit", "--max-memory"});
  add("sparse result, dense files over the limit",
      "compute --variant local_window --n 65536 --max-memory 256M",
      {"N x M arrays", "--max-memory"});
  add("unknown command", "frobnicate", {"Unknown command", "frobnicate"}, false);
}

void TestCli::errors() {
  QFETCH(QStringList, args);
  QFETCH(QStringList, expected);
  // 4 GiB of address space at most: sizes that would not fit are refused from the cost model
  // before anything large is allocated, so the sentence is the memory-limit one, never a crash
  // or "Out of memory".
  const Run r = run(args, rlim_t(4) << 30);
  QVERIFY2(!r.crashed, qPrintable(r.err));
  QCOMPARE(r.code, 2);
  QVERIFY2(r.err.startsWith("error: "), qPrintable(r.err));
  QVERIFY2(r.err.count('\n') == 1 && r.err.endsWith('\n'), qPrintable(r.err));
  for (const QString& e : expected) QVERIFY2(r.err.contains(e), qPrintable(r.err));
  QVERIFY2(!r.err.contains("out of memory", Qt::CaseInsensitive), qPrintable(r.err));
}

void TestCli::help_data() {
  QTest::addColumn<QStringList>("args");
  QTest::addColumn<QString>("expected");
  QTest::newRow("--help") << QStringList{"--help"} << "compute";
  // The window's part of the app adds export to the dispatcher; a build without it has none.
  QTest::newRow("--help lists export") << QStringList{"--help"} << "\n  export ";
  QTest::newRow("compute --help") << QStringList{"compute", "--help"} << "--max-memory";
  QTest::newRow("variants --help") << QStringList{"variants", "--help"} << "--json";
}

void TestCli::help() {
  QFETCH(QStringList, args);
  QFETCH(QString, expected);
  const Run r = run(args);
  QCOMPARE(r.code, 0);
  QVERIFY2(r.out.contains(expected), qPrintable(r.out));
}

void TestCli::exportHeadless_data() {
  QTest::addColumn<QStringList>("args");
  QTest::newRow("heatmap zh") << QStringList{"--variant", "multi_head", "--view",
                                             "heatmap",   "--lang",     "zh_CN"};
  QTest::newRow("output") << QStringList{"--variant", "additive", "--view", "output"};
  QTest::newRow("sparsity bigbird") << QStringList{"--variant", "bigbird", "--view", "sparsity"};
  QTest::newRow("sparsity lsh") << QStringList{"--variant", "lsh",     "--view",
                                               "sparsity",  "--input", "clustered"};
  QTest::newRow("teaching flash") << QStringList{"--variant", "flash", "--view", "teaching"};
  QTest::newRow("gallery all") << QStringList{"--view", "gallery"};
  QTest::newRow("gallery subset") << QStringList{"--view", "gallery", "--variants", "flash,linear"};
}

void TestCli::exportHeadless() {
  QFETCH(QStringList, args);
  const QString out =
      m_tmp.filePath(QString("view_%1.png").arg(QTest::currentDataTag()).replace(' ', '_'));
  // No display at all: the command must choose the offscreen platform itself.
  QProcess p;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.remove("DISPLAY");
  env.remove("WAYLAND_DISPLAY");
  env.remove("QT_QPA_PLATFORM");
  p.setProcessEnvironment(env);
  p.start(ATLAS_CLI_PATH, QStringList{"export", "--n", "40", "--width", "640", "--height", "480",
                                      "--dpi", "96", "--out", out} +
                              args);
  QVERIFY(p.waitForFinished(60000));
  QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0,
           qPrintable(QString::fromUtf8(p.readAllStandardError())));
  // PNG signature, then the IHDR chunk: width and height as big-endian 32-bit numbers.
  const QByteArray png = fileBytes(out);
  QVERIFY(png.startsWith("\x89PNG\r\n\x1a\n"));
  auto be32 = [&](int at) {
    return (quint32(quint8(png[at])) << 24) | (quint32(quint8(png[at + 1])) << 16) |
           (quint32(quint8(png[at + 2])) << 8) | quint32(quint8(png[at + 3]));
  };
  QCOMPARE(be32(16), quint32(640));
  QCOMPARE(be32(20), quint32(480));
  QVERIFY(png.size() > 5000);  // a drawn figure, not an empty canvas
}

QTEST_APPLESS_MAIN(TestCli)
#include "test_cli.moc"
