// File > Export figure's dialog, on the offscreen platform with the real window: a preset sets
// the size, resolution and type; the format follows the file name and the other way round; the
// size converts between units; the preview shows the figure at the figure's proportions; the
// choices come back at the next export; the window writes what the dialog says.
#include "gui_fixture.h"

#include "export_dialog.h"

#include "widgets/figure_size.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>

using atlas::app::ExportDialog;
using atlas::widgets::FigureFormat;

class TestGuiExportDialog : public QObject {
  Q_OBJECT
  guitest::WindowFixture m_gui;

  ExportDialog::PreviewFn preview() {
    return [this](const atlas::widgets::FigureOptions& o, QSize box) {
      auto* v = m_gui.window().exportedView();
      return v ? atlas::widgets::renderFigure(v->figure(), o, box) : QImage();
    };
  }

 private Q_SLOTS:
  void initTestCase() { QVERIFY(m_gui.setUpSuite()); }
  void init() {
    QVERIFY(m_gui.openWindow(QSize(1200, 800)));
    QVERIFY(guitest::showVariant(m_gui.window(), "bigbird", 24));
  }
  void cleanup() { m_gui.closeWindow(); }

  void aPresetSetsTheSizeAndTheFormatFollowsTheFile() {
    QTemporaryDir dir;
    ExportDialog dialog(dir.filePath("fig.png"), preview(), &m_gui.window());
    dialog.presetBox()->setCurrentIndex(dialog.presetBox()->findData("column"));
    QCOMPARE(dialog.unitBox()->currentText(), QString("in"));
    QCOMPARE(dialog.widthBox()->value(), 3.5);
    QCOMPARE(dialog.dpiBox()->value(), 300);
    QCOMPARE(dialog.fontBox()->value(), 8.0);
    atlas::widgets::FigureOptions o = dialog.options();
    QCOMPARE(o.format, FigureFormat::Png);
    QCOMPARE(QSize(o.width, o.height), QSize(1050, 788));
    QVERIFY(dialog.sizeLabel()->text().contains("1050"));
    // The format chosen: the file's suffix follows; a suffix typed: the format follows.
    dialog.formatBox()->setCurrentIndex(int(FigureFormat::Pdf));
    QCOMPARE(dialog.path(), dir.filePath("fig.pdf"));
    o = dialog.options();
    QCOMPARE(QSize(o.width, o.height), QSize(252, 189));  // points
    QVERIFY(!dialog.dpiBox()->isEnabled());
    auto* path = dialog.findChild<QLineEdit*>();
    path->selectAll();
    QTest::keyClicks(path, dir.filePath("fig.svg"));
    QCOMPARE(dialog.formatBox()->currentIndex(), int(FigureFormat::Svg));
    // The same size in millimetres; a size typed by hand is a custom one.
    dialog.unitBox()->setCurrentIndex(dialog.unitBox()->findText("mm"));
    QCOMPARE(dialog.widthBox()->value(), 88.9);
    dialog.widthBox()->setValue(120);
    QCOMPARE(dialog.presetBox()->currentData().toString(), QString());
    QCOMPARE(dialog.options().width, int(std::lround(120 / 25.4 * 72)));
    // The preview: the figure itself, at its proportions (120 x 66.7 mm).
    QVERIFY(guitest::waitFor([&] { return !dialog.previewLabel()->pixmap().isNull(); }));
    const QPixmap shown = dialog.previewLabel()->pixmap();
    QVERIFY(std::abs(double(shown.width()) / shown.height() - 120 / 66.675) < 0.03);
    QVERIFY(shown.toImage().pixelColor(shown.width() / 2, shown.height() / 2) != QColor(Qt::white));
    // ATLAS_DIALOG_SHOTS=DIR: the dialog as a user sees it, to look at.
    if (const QString shots = qEnvironmentVariable("ATLAS_DIALOG_SHOTS"); !shots.isEmpty()) {
      dialog.show();
      QVERIFY(QTest::qWaitForWindowExposed(&dialog));
      dialog.grab().save(shots + "/export_dialog_" + m_gui.language().current() + ".png");
    }
  }

  void qtsOwnButtonsSpeakChinese() {
    // Debian's translations of Qt itself (qt6-translations-l10n) are loaded with the app's.
    QVERIFY(m_gui.language().setLanguage("zh_CN"));
    ExportDialog dialog(QStringLiteral("/tmp/fig.png"), {}, &m_gui.window());
    auto* buttons = dialog.findChild<QDialogButtonBox*>();
    QVERIFY(buttons);
    const QString save = buttons->button(QDialogButtonBox::Save)->text();
    const QString cancel = buttons->button(QDialogButtonBox::Cancel)->text();
    QVERIFY2(save.contains(QString::fromUtf8("保存")), qPrintable(save));
    QVERIFY2(cancel.contains(QString::fromUtf8("取消")), qPrintable(cancel));
    QCOMPARE(dialog.unitBox()->itemText(1), QString::fromUtf8("毫米"));
    if (const QString shots = qEnvironmentVariable("ATLAS_DIALOG_SHOTS"); !shots.isEmpty()) {
      dialog.show();
      QVERIFY(QTest::qWaitForWindowExposed(&dialog));
      dialog.grab().save(shots + "/export_dialog_zh_CN.png");
    }
  }

  void theChoicesComeBackAndTheWindowWritesThem() {
    QTemporaryDir dir;
    {
      ExportDialog dialog(dir.filePath("fig.pdf"), preview(), &m_gui.window());
      dialog.presetBox()->setCurrentIndex(dialog.presetBox()->findData("double"));
      QMetaObject::invokeMethod(&dialog, "validateAndAccept");
      QCOMPARE(dialog.result(), int(QDialog::Accepted));
      QCOMPARE(m_gui.window().exportCurrentView(dialog.path(), dialog.options()), QString());
    }
    QFile pdf(dir.filePath("fig.pdf"));
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    const QString bytes = QString::fromLatin1(pdf.readAll());
    QVERIFY(
        QRegularExpression("/MediaBox \\[0 0 518(\\.0+)? 288(\\.0+)?\\]").match(bytes).hasMatch());
    ExportDialog again(dir.filePath("next.pdf"), preview(), &m_gui.window());
    QCOMPARE(again.presetBox()->currentData().toString(), QString("double"));
    QCOMPARE(again.widthBox()->value(), 7.2);
    QCOMPARE(again.fontBox()->value(), 9.0);
    // A size no file can take is refused in the dialog, which stays open.
    again.unitBox()->setCurrentIndex(again.unitBox()->findText("in"));
    again.widthBox()->setValue(900);
    QTimer::singleShot(0, [] {
      QVERIFY(guitest::waitFor([] { return QApplication::activeModalWidget() != nullptr; }));
      auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
      QVERIFY(box && box->text().contains("64800"));
      box->accept();
    });
    QMetaObject::invokeMethod(&again, "validateAndAccept");
    QVERIFY(again.result() != int(QDialog::Accepted));
  }
};

QTEST_MAIN(TestGuiExportDialog)
#include "test_gui_export_dialog.moc"
