// The issue-4 views in the real window, on the offscreen platform: the gallery fills in with
// every variant and a click on a panel opens that variant; the sparsity view colours union
// patterns by component and LSH by bucket (also in bucket order) and counts pairs; the low-rank
// view follows its k slider. The teaching view has its own suite, test_gui_teaching.
#include "gui_fixture.h"
#include "main_window.h"

#include "core/variant_registry.h"
#include "widgets/gallery_view.h"
#include "widgets/low_rank_view.h"
#include "widgets/parameter_panel.h"
#include "widgets/sparsity_view.h"
#include "widgets/variant_browser.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLocale>
#include <QSlider>
#include <QSpinBox>
#include <QTabWidget>
#include <QTest>

#include <functional>
#include <numeric>

using namespace atlas;
using atlas::app::MainWindow;
using guitest::kTimeout;
using guitest::showVariant;
using guitest::waitFor;
using guitest::waitForResult;

namespace {

/// The centre of panel `p` of a plot, in its widget coordinates.
QPoint panelCentre(widgets::MatrixPlot* plot, int p) {
  return plot->panelMap(p)->keyAxis()->axisRect()->rect().center();
}

}  // namespace

class TestGuiViews : public QObject {
  Q_OBJECT

  guitest::WindowFixture m_gui;

 private Q_SLOTS:
  void initTestCase() { QVERIFY(m_gui.setUpSuite()); }
  void init() { QVERIFY(m_gui.openWindow(QSize(1400, 900))); }
  void cleanup() { m_gui.closeWindow(); }

  void galleryShowsEveryVariantAndOpensOne() {
    MainWindow& w = m_gui.window();
    QVERIFY(showVariant(w, "scaled_dot", 96));
    auto* gallery = qobject_cast<widgets::GalleryView*>(w.view("gallery"));
    QVERIFY(gallery);
    w.tabs()->setCurrentWidget(gallery);
    const int all = int(core::allVariants().size());
    QVERIFY2(waitFor([&] { return gallery->shownCount() == all; }),
             qPrintable(QString("gallery shows %1 of %2").arg(gallery->shownCount()).arg(all)));
    // Every panel holds a result of the current inputs: N = 96 rows (paged: its one row).
    for (int p = 0; p < all; ++p) {
      const int rows = gallery->plot()->panelMap(p)->data()->valueSize();
      QVERIFY2(rows == 96 || rows == 1,
               qPrintable(QString("panel %1 has %2 rows").arg(p).arg(rows)));
    }
    // A click on the panel of local_window opens it in the heatmap.
    gallery->plot()->replot();  // lay out the panels now rather than at the next paint
    int target = -1;
    for (int p = 0; p < all; ++p)
      if (gallery->variantAt(panelCentre(gallery->plot(), p)) == "local_window") target = p;
    QVERIFY(target >= 0);
    QTest::mouseClick(gallery->plot(), Qt::LeftButton, Qt::NoModifier,
                      panelCentre(gallery->plot(), target));
    QCOMPARE(w.variantBrowser()->currentVariant(), QString("local_window"));
    QCOMPARE(w.tabs()->currentWidget(), w.view("heatmap"));
    QVERIFY(waitForResult(w, "local_window"));
  }

  void galleryShowsAChosenSubset() {
    MainWindow& w = m_gui.window();
    QVERIFY(showVariant(w, "scaled_dot", 40));
    auto* gallery = qobject_cast<widgets::GalleryView*>(w.view("gallery"));
    w.tabs()->setCurrentWidget(gallery);
    gallery->setChosenVariants({"flash", "bigbird", "linear"});
    QVERIFY(waitFor([&] { return gallery->shownCount() == 3; }));
    QTest::qWait(200);  // nothing else arrives later
    QCOMPARE(gallery->shownCount(), 3);
    QCOMPARE(gallery->chosenVariants(), (QStringList{"bigbird", "linear", "flash"}));
  }

  void sparsityOfADenseCausalResultIsItsTriangle() {
    // A dense result is drawn from its own mask (no copy): with causal, computed exactly on and
    // below the diagonal, N (N + 1) / 2 pairs.
    MainWindow& w = m_gui.window();
    QVERIFY(showVariant(w, "scaled_dot", 40));
    auto* causal = qobject_cast<QCheckBox*>(w.parameterPanel()->editor("causal"));
    QVERIFY(causal && !causal->isChecked());
    QTest::mouseClick(causal, Qt::LeftButton, Qt::NoModifier, QPoint(6, causal->height() / 2));
    QVERIFY(waitFor([&] { return w.shown().result && w.shown().result->params.flag("causal"); }));
    auto* view = qobject_cast<widgets::SparsityView*>(w.view("sparsity"));
    w.tabs()->setCurrentWidget(view);
    QVERIFY(waitFor([&] { return view->plot()->panelCount() == 1; }));
    QCOMPARE(view->colouring(), widgets::SparsityView::Colouring::Mask);
    QCPColorMapData* data = view->plot()->panelMap(0)->data();
    for (int i = 0; i < 40; ++i)
      for (int j = 0; j < 40; ++j) QCOMPARE(data->cell(j, i), j <= i ? 1.0 : 0.0);
    QVERIFY2(view->summaryLabel()->text().contains(QLocale().toString(40 * 41 / 2)),
             qPrintable(view->summaryLabel()->text()));
    QTest::mouseClick(causal, Qt::LeftButton, Qt::NoModifier, QPoint(6, causal->height() / 2));
    QVERIFY(waitFor([&] { return w.shown().result && !w.shown().result->params.flag("causal"); }));
  }

  void sparsityCountsPairsAndColoursComponents() {
    MainWindow& w = m_gui.window();
    QVERIFY(showVariant(w, "bigbird", 48));
    auto* view = qobject_cast<widgets::SparsityView*>(w.view("sparsity"));
    w.tabs()->setCurrentWidget(view);
    core::VariantResult r = *w.shown().result;  // sparse: compared entry by entry
    QVERIFY(r.sparse());
    r.makeDense();
    QVERIFY(waitFor([&] { return view->plot()->panelCount() == 1; }));
    QCOMPARE(view->colouring(), widgets::SparsityView::Colouring::Components);
    QVERIFY(view->plot()->categorical());
    // Each computed cell shows its component (1 local, 2 global, 3 random); others 0.
    QCPColorMapData* data = view->plot()->panelMap(0)->data();
    std::uint64_t ones = 0;
    for (int i = 0; i < 48; ++i)
      for (int j = 0; j < 48; ++j) {
        ones += r.mask(0)(i, j);
        QCOMPARE(data->cell(j, i), double(r.mask(0)(i, j) ? r.components(0)(i, j) : 0));
      }
    QVERIFY(ones > 0 && ones < 48u * 48u);
    QVERIFY2(view->summaryLabel()->text().contains(QString::number(ones)),
             qPrintable(view->summaryLabel()->text()));
    QCOMPARE(w.shown().result->pairs(0), ones);
  }

  void sparsityOrdersLshByBucket() {
    MainWindow& w = m_gui.window();
    QVERIFY(showVariant(w, "lsh", 40));
    auto* view = qobject_cast<widgets::SparsityView*>(w.view("sparsity"));
    w.tabs()->setCurrentWidget(view);
    QCOMPARE(view->colouring(), widgets::SparsityView::Colouring::Buckets);
    QVERIFY(view->sortedBox()->isVisible());
    QTest::mouseClick(view->sortedBox(), Qt::LeftButton, Qt::NoModifier,
                      QPoint(5, view->sortedBox()->height() / 2));
    QVERIFY(view->sortedBox()->isChecked());
    // In bucket order, the query buckets of the rows shown never decrease.
    core::VariantResult r = *w.shown().result;  // sparse: compared entry by entry
    QVERIFY(r.sparse());
    r.makeDense();
    std::vector<int> order(40);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
      return r.trace.queryBuckets[0][a] < r.trace.queryBuckets[0][b];
    });
    std::vector<int> korder(40);
    std::iota(korder.begin(), korder.end(), 0);
    std::stable_sort(korder.begin(), korder.end(), [&](int a, int b) {
      return r.trace.keyBuckets[0][a] < r.trace.keyBuckets[0][b];
    });
    QCPColorMapData* data = view->plot()->panelMap(0)->data();
    for (int i = 0; i < 40; ++i)
      for (int j = 0; j < 40; ++j)
        QCOMPARE(data->cell(j, i) != 0, r.mask(0)(order[i], korder[j]) != 0);
  }

  void lowRankFollowsTheKSlider() {
    MainWindow& w = m_gui.window();
    QVERIFY(showVariant(w, "scaled_dot", 48));
    auto* view = qobject_cast<widgets::LowRankView*>(w.view("lowrank"));
    QVERIFY(view);
    w.tabs()->setCurrentWidget(view);
    QVERIFY(waitFor([&] { return view->pPrimeColumns() > 0; }));
    QCOMPARE(view->kSlider()->maximum(), 48);
    view->kSlider()->setFocus();
    view->kSlider()->setValue(4);
    QTest::keyClick(view->kSlider(), Qt::Key_Right);  // one step, as a user would: k = 5
    QCOMPARE(view->k(), 5);
    QCOMPARE(view->kMarker(), 5.0);  // the marker on the error curves moves at once
    QVERIFY(waitFor([&] { return view->pPrimeColumns() == 5; }));  // P' is N x k
    view->kSlider()->setValue(31);
    QCOMPARE(view->kMarker(), 31.0);
    QVERIFY(waitFor([&] { return view->pPrimeColumns() == 31; }));
  }
};

QTEST_MAIN(TestGuiViews)
#include "test_gui_views.moc"
