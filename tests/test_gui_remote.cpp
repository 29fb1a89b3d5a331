// The window on a remote device: an attention-atlas-device server in this process (a CpuDevice
// on 127.0.0.1, with a token from a file), set through Compute > Remote device… and chosen in
// the toolbar. Checks that the status bar names the device and that the weights shown equal a
// local computation of the same request cell by cell; that a wrong token, a server's limit and
// a lost server are one sentence each while the result on screen stays; and that a server
// started again on the same port is used again, by the automatic retry and by Reconnect.
#include "comparison_dialog.h"
#include "compute_controller.h"
#include "compute_session.h"
#include "device_connection.h"
#include "device_dialog.h"
#include "device_ui.h"
#include "gallery_controller.h"
#include "gui_fixture.h"
#include "main_window.h"

#include "core/device/device.h"
#include "core/remote/server.h"
#include "widgets/bench_plot.h"
#include "widgets/complexity_view.h"
#include "widgets/gallery_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

#include <memory>

using namespace atlas;
using atlas::app::MainWindow;
using guitest::kTimeout;
using guitest::result;

namespace {

constexpr auto kToken = "gui-remote-test-token";

bool writeFile(const QString& path, const QByteArray& text) {
  QFile f(path);
  return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
}

/// Every colour-map cell is the weight of the same pair: cell(col, row) == m(row, col).
bool mapShows(QCPColorMap* map, const core::Matrix& m) {
  if (map->data()->keySize() != int(m.cols()) || map->data()->valueSize() != int(m.rows()))
    return false;
  for (int i = 0; i < int(m.rows()); ++i)
    for (int j = 0; j < int(m.cols()); ++j)
      if (map->data()->cell(j, i) != double(m(i, j))) return false;
  return true;
}

bool remoteResult(const MainWindow& w, int n) {
  const core::VariantResult* r = result(w);
  return r && r->dims.n == n && r->computedOn.remote();
}

}  // namespace

class TestGuiRemote : public QObject {
  Q_OBJECT

  guitest::WindowFixture m_gui;
  QTemporaryDir m_files;
  QString m_tokenFile, m_wrongTokenFile;
  std::unique_ptr<remote::DeviceServer> m_server;
  int m_port = 0;

  /// A server with this computer's engine on 127.0.0.1:`port` (0: a free port).
  void startServer(int port) {
    remote::ServerOptions options;
    options.listen = "127.0.0.1:" + std::to_string(port);
    options.token = kToken;
    options.version = "test";
    std::vector<std::unique_ptr<core::Device>> devices;
    devices.push_back(std::make_unique<core::CpuDevice>());
    m_server = std::make_unique<remote::DeviceServer>(options, std::move(devices));
    m_server->start();
    m_port = m_server->port();
  }

  QString address() const { return QStringLiteral("127.0.0.1:%1").arg(m_port); }
  app::DeviceSettings device(const QString& token) const {
    return {address(), token, QString(), true};
  }
  app::DeviceUi* ui() const { return m_gui.window().deviceUi(); }
  app::DeviceConnection* connection() const { return m_gui.window().deviceConnection(); }

  /// The window computes scaled_dot at `n` on the remote device (already chosen).
  void computeRemotely(int n) {
    MainWindow& w = m_gui.window();
    w.parameterPanel()->spinBox("n")->setValue(n);
    QVERIFY2(guitest::waitFor([&] { return remoteResult(w, n); }),
             qPrintable("no remote result at N = " + QString::number(n) +
                        "; error bar: " + w.errorMessage()));
    QTRY_VERIFY_WITH_TIMEOUT(ui()->computedOnLabel()->text().contains(address()), kTimeout);
  }

  /// The shown server goes away: a computation then fails with one sentence, and the result
  /// on screen (remote, at `shownN`) stays.
  void loseTheServer(int shownN, int askedN) {
    MainWindow& w = m_gui.window();
    const auto before = w.shown().result;
    m_server->shutdown(0);
    m_server.reset();
    w.parameterPanel()->spinBox("n")->setValue(askedN);
    QTRY_VERIFY_WITH_TIMEOUT(!w.errorMessage().isEmpty(), kTimeout);
    QVERIFY2(w.errorMessage().startsWith("Could not reach the device at " + address()),
             qPrintable(w.errorMessage()));
    QCOMPARE(w.shown().result, before);
    QVERIFY(remoteResult(w, shownN));
    QVERIFY(ui()->computedOnLabel()->text().contains(address()));
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_gui.setUpSuite());
    QVERIFY(m_files.isValid());
    m_tokenFile = m_files.filePath("token");
    m_wrongTokenFile = m_files.filePath("wrong-token");
    QVERIFY(writeFile(m_tokenFile, QByteArray(kToken) + "\n"));
    QVERIFY(writeFile(m_wrongTokenFile, "not-the-token\n"));
    startServer(0);
    QVERIFY(m_port > 0);
  }

  void init() {
    if (!m_server) startServer(m_port);  // a test that lost its server gets it back
    QVERIFY(m_gui.openWindow());
    QVERIFY(guitest::showVariant(m_gui.window(), "scaled_dot", 12));
    QVERIFY(!result(m_gui.window())->computedOn.remote());
  }

  void cleanup() { m_gui.closeWindow(); }

  void theDialogTestsTheDeviceAndTheToolbarChoosesIt() {
    MainWindow& w = m_gui.window();
    QVERIFY(ui()->computedOnLabel()->text().startsWith("Computed on this computer"));
    QComboBox* box = ui()->deviceBox();
    QCOMPARE(box->count(), 2);  // no device yet: this computer, and "Remote device…"

    QCOMPARE(ui()->deviceAction()->shortcut(), QKeySequence("Ctrl+Shift+D"));
    box->setCurrentIndex(1);  // "Remote device…" opens the dialog; the choice stays
    QTRY_VERIFY_WITH_TIMEOUT(ui()->dialog() && ui()->dialog()->isVisible(), kTimeout);
    QCOMPARE(box->currentIndex(), 0);
    app::DeviceDialog* dialog = ui()->dialog();
    dialog->addressField()->setText(address());
    dialog->tokenField()->setText(m_tokenFile);
    dialog->chosenBox()->setChecked(false);  // chosen below, in the toolbar
    QTest::mouseClick(dialog->testButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->testResult()->text().contains("Round trip:"), kTimeout);
    const QString answer = dialog->testResult()->text();
    QVERIFY2(answer.contains("Server: attention-atlas-device test"), qPrintable(answer));
    QVERIFY2(answer.contains("Backend: cpu"), qPrintable(answer));
    const auto variants = core::CpuDevice().info().variants.size();
    QVERIFY2(answer.contains(QString("0 native, 0 composed, %1 on the host").arg(variants)),
             qPrintable(answer));
    dialog->accept();
    QTRY_VERIFY_WITH_TIMEOUT(!ui()->dialog(), kTimeout);
    QCOMPARE(box->count(), 3);
    QCOMPARE(box->itemText(1), address());
    QCOMPARE(box->currentIndex(), 0);  // still this computer
    QCOMPARE(app::Settings::device().address, address());

    box->setCurrentIndex(1);
    QVERIFY(guitest::waitFor([&] { return remoteResult(w, 12); }));
    QVERIFY(app::Settings::device().chosen);
    QTRY_VERIFY_WITH_TIMEOUT(
        ui()->computedOnLabel()->text().startsWith("Computed on " + address() + " (host) in "),
        kTimeout);
    QVERIFY(ui()->computedOnLabel()->text().contains(", transfer "));

    // The same request on this computer: the same weights, cell by cell, and the same map.
    core::Engine engine;
    const auto local = engine.run(w.session()->requests().single(w.session()->choice()));
    QVERIFY(local.size() == 1 && local[0].ok());
    const core::VariantResult& mine = *local[0].result;
    const core::VariantResult& shown = *result(w);
    QCOMPARE(shown.heads(), mine.heads());
    QCOMPARE(shown.weightRows(), mine.weightRows());
    QCOMPARE(shown.weightCols(), mine.weightCols());
    for (core::Index h = 0; h < mine.heads(); ++h)
      for (core::Index i = 0; i < mine.weightRows(); ++i)
        for (core::Index j = 0; j < mine.weightCols(); ++j)
          QCOMPARE(shown.weight(h, i, j), mine.weight(h, i, j));
    QVERIFY(shown.output == mine.output);
    QVERIFY(mapShows(guitest::heatmap(w)->plot()->panelMap(0), mine.weights(0)));

    // Compare with this computer says the same.
    ui()->compareAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(ui()->comparisonDialog() && ui()->comparisonDialog()->isVisible(),
                             kTimeout);
    const QString compared = ui()->comparisonDialog()->text();
    QVERIFY2(compared.contains("Largest difference of the weights: 0\n"), qPrintable(compared));
    QVERIFY2(compared.contains("Largest difference of the output: 0\n"), qPrintable(compared));
    QVERIFY2(compared.contains("This computer: "), qPrintable(compared));

    // Back to this computer from the toolbar.
    box->setCurrentIndex(0);
    QVERIFY(guitest::waitFor([&] { return result(w) && !result(w)->computedOn.remote(); }));
    QVERIFY(!app::Settings::device().chosen);
  }

  void aWrongTokenIsRefusedAndTheResultStays() {
    MainWindow& w = m_gui.window();
    const auto before = w.shown().result;
    connection()->configure(device(m_wrongTokenFile));
    QCOMPARE(ui()->deviceBox()->currentIndex(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(!w.errorMessage().isEmpty(), kTimeout);
    QVERIFY2(
        w.errorMessage().startsWith(QString("The device at %1 refused the token").arg(address())),
        qPrintable(w.errorMessage()));
    QTRY_VERIFY_WITH_TIMEOUT(!w.controller()->busy(), kTimeout);
    QCOMPARE(w.shown().result, before);  // the previous result stays on screen
    QVERIFY(ui()->computedOnLabel()->text().startsWith("Computed on this computer"));
    QVERIFY(!connection()->retrying());  // the same token would be refused again

    // The right token: computed there.
    connection()->configure(device(m_tokenFile));
    computeRemotely(16);
    QVERIFY(w.errorMessage().isEmpty());
  }

  void aServerLimitIsOneSentenceAndTheResultStays() {
    MainWindow& w = m_gui.window();
    remote::ServerOptions options;
    options.listen = "127.0.0.1:0";
    options.token = kToken;
    options.maxN = 16;
    std::vector<std::unique_ptr<core::Device>> devices;
    devices.push_back(std::make_unique<core::CpuDevice>());
    remote::DeviceServer small(options, std::move(devices));
    small.start();
    const QString at = QStringLiteral("127.0.0.1:%1").arg(small.port());
    connection()->configure({at, m_tokenFile, QString(), true});
    QVERIFY(guitest::waitFor([&] { return remoteResult(w, 12); }));
    const auto before = w.shown().result;
    w.parameterPanel()->spinBox("n")->setValue(24);  // over the server's largest N
    QTRY_VERIFY_WITH_TIMEOUT(!w.errorMessage().isEmpty(), kTimeout);
    QVERIFY2(w.errorMessage().startsWith("The device at " + at + " refused the request: "),
             qPrintable(w.errorMessage()));
    QCOMPARE(w.shown().result, before);
    QVERIFY(!connection()->retrying());  // the device answered: nothing to ask again
    connection()->choose(false);
    small.shutdown(0);
  }

  void aLostDeviceIsAskedAgainByItself() {
    MainWindow& w = m_gui.window();
    connection()->configure(device(m_tokenFile));
    computeRemotely(16);
    loseTheServer(16, 20);
    QTRY_VERIFY_WITH_TIMEOUT(connection()->retrying(), kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(ui()->retryLabel()->isVisible(), kTimeout);
    QVERIFY(ui()->retryLabel()->text().startsWith("Asking again in "));
    QVERIFY(ui()->retryLabel()->toolTip().contains(address()));

    startServer(m_port);  // the same port: the retry finds it and computes again
    QVERIFY2(guitest::waitFor([&] { return remoteResult(w, 20); }, 45000),
             qPrintable(w.errorMessage()));
    QVERIFY(!connection()->retrying());
    QVERIFY(!ui()->retryLabel()->isVisible());
    QVERIFY(w.errorMessage().isEmpty());
  }

  void reconnectComputesOnTheNewServer() {
    MainWindow& w = m_gui.window();
    connection()->configure(device(m_tokenFile));
    computeRemotely(16);
    loseTheServer(16, 24);
    startServer(m_port);
    QVERIFY(ui()->reconnectAction()->isEnabled());
    ui()->reconnectAction()->trigger();
    QVERIFY(!connection()->retrying());  // a fresh connection: nothing left to retry
    QVERIFY2(guitest::waitFor([&] { return remoteResult(w, 24); }), qPrintable(w.errorMessage()));
    QVERIFY(ui()->computedOnLabel()->text().contains(address()));
  }

  void theGalleryKeepsItsPanelsWhenTheDeviceIsLost() {
    MainWindow& w = m_gui.window();
    connection()->configure(device(m_tokenFile));
    computeRemotely(16);
    auto* gallery = qobject_cast<widgets::GalleryView*>(w.view("gallery"));
    QVERIFY(gallery);
    w.tabs()->setCurrentWidget(gallery);
    gallery->setChosenVariants({"flash", "bigbird", "linear"});
    const auto panelsOf = [&](int n) {
      if (gallery->shownCount() != 3) return false;
      gallery->flush();
      for (int p = 0; p < 3; ++p)
        if (gallery->plot()->panelMap(p)->data()->valueSize() != n) return false;
      return true;
    };
    QVERIFY(guitest::waitFor([&] { return panelsOf(16); }));
    loseTheServer(16, 20);
    auto* controller = w.findChild<app::GalleryController*>();
    QVERIFY(controller);
    QTRY_VERIFY_WITH_TIMEOUT(!controller->controller()->busy(), kTimeout);  // its round failed
    QVERIFY(panelsOf(16));  // the panels on screen stay

    startServer(m_port);
    ui()->reconnectAction()->trigger();
    QVERIFY2(guitest::waitFor([&] { return panelsOf(20); }), qPrintable(w.errorMessage()));
    QVERIFY(remoteResult(w, 20));
  }

  // The complexity view's sweep measures on the chosen device: its points are their own series,
  // named with the device, and are not kept as this machine's.
  void theSweepMeasuresOnTheDevice() {
    MainWindow& w = m_gui.window();
    connection()->configure(device(m_tokenFile));
    computeRemotely(16);
    auto* complexity = qobject_cast<widgets::ComplexityView*>(w.view("complexity"));
    QVERIFY(complexity);
    w.tabs()->setCurrentWidget(complexity);
    complexity->setPage("measured");
    complexity->setChosenVariants({"scaled_dot"});
    complexity->measuredPage()->limitBox()->setValue(128);
    complexity->measuredPage()->repeatsBox()->setValue(1);
    const std::uint64_t before = m_server->counters().completed;
    complexity->measuredPage()->startButton()->click();
    const auto remotePoints = [&] {
      int n = 0;
      for (const core::BenchPoint& p : complexity->benchPoints())
        n += p.computedOn.remote() && p.variant == "scaled_dot" && p.error.empty();
      return n;
    };
    QVERIFY2(guitest::waitFor([&] { return remotePoints() >= 2; }), qPrintable(w.errorMessage()));
    QTRY_VERIFY_WITH_TIMEOUT(m_server->counters().completed > before, kTimeout);
    QCustomPlot* plot = complexity->measuredPage()->plot();
    bool named = false;
    for (int g = 0; g < plot->graphCount(); ++g) named |= plot->graph(g)->name().contains(" on ");
    QVERIFY(named);
  }

  void aChosenDeviceIsRestoredWithTheWindow() {
    connection()->configure(device(m_tokenFile));
    computeRemotely(16);
    // A new window on the same settings computes on the device from the start.
    m_gui.makeWindow();
    QVERIFY(m_gui.showWindow());
    QVERIFY(guitest::waitFor([&] { return remoteResult(m_gui.window(), 16); }));
    QCOMPARE(ui()->deviceBox()->currentIndex(), 1);
  }

  void cleanupTestCase() {
    if (m_server) m_server->shutdown(0);
  }
};

QTEST_MAIN(TestGuiRemote)
#include "test_gui_remote.moc"
