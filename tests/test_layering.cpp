// The house rules of docs/architecture.md that a compiler cannot check: core/ never includes Qt,
// and the command line in app/cli/ includes neither Qt nor the widgets, except the export
// command's files (export_*: it draws figures), so that it builds without Qt.
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

#include <algorithm>

namespace {
// An #include of a Qt or QCustomPlot header, at the start of a line.
QRegularExpression qtIncludePattern() {
  return QRegularExpression(QStringLiteral("^\\s*#\\s*include\\s*[<\"](Q[A-Za-z]|qcustomplot)"),
                            QRegularExpression::MultilineOption);
}

// An #include of the widgets or of the app's Qt part (app/cli/../), at the start of a line.
QRegularExpression guiIncludePattern() {
  return QRegularExpression(QStringLiteral("^\\s*#\\s*include\\s*[<\"](widgets/|\\.\\./)"),
                            QRegularExpression::MultilineOption);
}

// An #include of gRPC, protobuf or the generated protocol, at the start of a line.
QRegularExpression rpcIncludePattern() {
  return QRegularExpression(QStringLiteral("^\\s*#\\s*include\\s*[<\"](grpc|google/protobuf|"
                                           "[a-z_]*\\.pb\\.h|core/remote/)"),
                            QRegularExpression::MultilineOption);
}

struct Scan {
  int files = 0;          ///< the sources read
  QStringList offenders;  ///< those with an include `pattern` matches
};

/// Reads the C++ sources under `dir` (recursively), all but the files named in `except`.
/// (`except` may also name sub-directories, as "remote/").
Scan scan(const QString& dir, const QRegularExpression& pattern, const QStringList& except = {}) {
  QDirIterator it(dir, {"*.h", "*.cpp", "*.hpp", "*.inc"}, QDir::Files,
                  QDirIterator::Subdirectories);
  Scan out;
  while (it.hasNext()) {
    QFile f(it.next());
    if (except.contains(it.fileName())) continue;
    const QString relative = it.filePath().mid(dir.size() + 1);
    if (std::any_of(except.begin(), except.end(),
                    [&](const QString& e) { return e.endsWith('/') && relative.startsWith(e); }))
      continue;
    if (!f.open(QIODevice::ReadOnly)) {
      out.offenders << it.filePath() + " (unreadable)";
      continue;
    }
    ++out.files;
    if (pattern.match(QString::fromUtf8(f.readAll())).hasMatch()) out.offenders << it.filePath();
  }
  return out;
}
}  // namespace

class TestLayering : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void coreHasNoQtInclude() {
    const Scan s = scan(QStringLiteral(ATLAS_SOURCE_DIR "/core"), qtIncludePattern());
    QVERIFY2(s.files > 10, "the core sources were not found");
    QVERIFY2(s.offenders.isEmpty(), qPrintable("core/ includes Qt: " + s.offenders.join(", ")));
  }

  // atlas_core stays free of the remote device's libraries: only core/remote/ (atlas_remote)
  // includes them.
  void coreHasNoRpcInclude() {
    const QString dir = QStringLiteral(ATLAS_SOURCE_DIR "/core");
    const Scan s = scan(dir, rpcIncludePattern(), {"remote/"});
    QVERIFY2(s.files > 10, "the core sources were not found");
    QVERIFY2(s.offenders.isEmpty(),
             qPrintable("core/ outside core/remote/ includes gRPC: " + s.offenders.join(", ")));
    QVERIFY(!scan(dir, rpcIncludePattern()).offenders.isEmpty());
    QVERIFY(rpcIncludePattern().match("#include <grpcpp/grpcpp.h>").hasMatch());
    QVERIFY(rpcIncludePattern().match("#include \"atlas_device.pb.h\"").hasMatch());
    QVERIFY(!rpcIncludePattern().match("#include \"core/engine.h\"").hasMatch());
  }

  void cliHasNoQtOrWidgetsInclude() {
    // With -DATLAS_BUILD_GUI=OFF these files are the whole command line, on a machine without Qt.
    const QString dir = QStringLiteral(ATLAS_SOURCE_DIR "/app/cli");
    const QStringList exportOnly = {"export_command.cpp", "export_figure.h", "export_figure.cpp",
                                    "export_lesson.cpp"};
    const Scan qt = scan(dir, qtIncludePattern(), exportOnly);
    const Scan gui = scan(dir, guiIncludePattern(), exportOnly);
    QVERIFY2(qt.files > 10, "the command-line sources were not found");
    QVERIFY2(qt.offenders.isEmpty(),
             qPrintable("app/cli/ includes Qt: " + qt.offenders.join(", ")));
    QVERIFY2(gui.offenders.isEmpty(),
             qPrintable("app/cli/ includes the GUI: " + gui.offenders.join(", ")));
    // The exception is needed: without it the scan would flag the export command's files.
    QVERIFY(!scan(dir, guiIncludePattern()).offenders.isEmpty());
  }

  void theChecksWouldCatchAnInclude() {
    // Guards the regular expressions above against silently matching nothing.
    const QRegularExpression qtInclude = qtIncludePattern();
    QVERIFY(qtInclude.match("int a;\n#include <QString>\n").hasMatch());
    QVERIFY(qtInclude.match("  #  include \"QtCore/qglobal.h\"").hasMatch());
    QVERIFY(!qtInclude.match("#include <Eigen/Core>\n#include <tbb/tbb.h>").hasMatch());
    const QRegularExpression guiInclude = guiIncludePattern();
    QVERIFY(guiInclude.match("#include \"widgets/figure_export.h\"").hasMatch());
    QVERIFY(guiInclude.match("#include \"../language.h\"").hasMatch());
    QVERIFY(!guiInclude.match("#include \"core/engine.h\"\n#include \"args.h\"").hasMatch());
  }
};

QTEST_APPLESS_MAIN(TestLayering)
#include "test_layering.moc"
