// The house rules of docs/architecture.md that a compiler cannot check: core/ never includes Qt.
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

namespace {
// An #include of a Qt or QCustomPlot header, at the start of a line.
QRegularExpression qtIncludePattern() {
  return QRegularExpression(QStringLiteral("^\\s*#\\s*include\\s*[<\"](Q[A-Za-z]|qcustomplot)"),
                            QRegularExpression::MultilineOption);
}
}  // namespace

class TestLayering : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void coreHasNoQtInclude() {
    const QRegularExpression qtInclude = qtIncludePattern();
    QDirIterator it(QStringLiteral(ATLAS_SOURCE_DIR "/core"), {"*.h", "*.cpp", "*.hpp"},
                    QDir::Files, QDirIterator::Subdirectories);
    int files = 0;
    QStringList offenders;
    while (it.hasNext()) {
      QFile f(it.next());
      QVERIFY(f.open(QIODevice::ReadOnly));
      ++files;
      if (qtInclude.match(QString::fromUtf8(f.readAll())).hasMatch()) offenders << it.filePath();
    }
    QVERIFY2(files > 10, "the core sources were not found");
    QVERIFY2(offenders.isEmpty(), qPrintable("core/ includes Qt: " + offenders.join(", ")));
  }

  void theCheckWouldCatchAnInclude() {
    // Guards the regular expression above against silently matching nothing.
    const QRegularExpression qtInclude = qtIncludePattern();
    QVERIFY(qtInclude.match("int a;\n#include <QString>\n").hasMatch());
    QVERIFY(qtInclude.match("  #  include \"QtCore/qglobal.h\"").hasMatch());
    QVERIFY(!qtInclude.match("#include <Eigen/Core>\n#include <tbb/tbb.h>").hasMatch());
  }
};

QTEST_APPLESS_MAIN(TestLayering)
#include "test_layering.moc"
