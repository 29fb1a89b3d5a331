// The walkthrough view in the window, on the offscreen platform with the real widgets: the keys
// and the slider step through the computation, each step's formula and highlighted cells change
// (the tints drawn are read back from the pixels), the weights and the last step's output equal
// a softmax and a weighted sum written here from the window's inputs, a variant it does not
// cover and a size over 12 get one sentence instead, the step survives a new result and goes
// into a lesson's scene, and the texts follow the language.
#include "cli_run.h"
#include "gui_fixture.h"

#include "widgets/walk_tables.h"
#include "widgets/walkthrough_view.h"

#include <QAbstractButton>
#include <QLabel>
#include <QLineEdit>
#include <QSlider>
#include <QTabWidget>
#include <QTemporaryDir>

#include <cmath>

using atlas::core::Index;
using atlas::widgets::WalkTables;
using atlas::widgets::WalkthroughView;
using clirun::Run;
using clirun::run;

namespace {

/// The plot as it is now: the queued replot of the last change done first, then grabbed.
QImage drawn(QCustomPlot* plot) {
  plot->replot(QCustomPlot::rpImmediateRefresh);
  return plot->grab().toImage();
}

/// The colour drawn halfway down a cell near its left edge: its tint, clear of the centred
/// number and of the worked example's outline.
QColor tintOf(const QImage& image, const QRectF& cell, double ratio) {
  const QPointF p = (cell.topLeft() + QPointF(0.15 * cell.width(), 0.5 * cell.height())) * ratio;
  return image.pixelColor(p.toPoint());
}

bool near(const QColor& a, const QColor& b) {
  return std::abs(a.red() - b.red()) < 8 && std::abs(a.green() - b.green()) < 8 &&
         std::abs(a.blue() - b.blue()) < 8;
}

const atlas::core::WalkTable* tableNamed(const atlas::core::WalkStep& s, const std::string& name) {
  for (const auto& t : s.tables)
    if (t.name == name) return &t;
  return nullptr;
}

int stepWithId(const atlas::core::Walkthrough& w, const std::string& id) {
  for (std::size_t k = 0; k < w.steps.size(); ++k)
    if (w.steps[k].id == id) return int(k);
  return -1;
}

}  // namespace

class TestGuiWalkthrough : public QObject {
  Q_OBJECT
 private:
  guitest::WindowFixture m_gui;

  WalkthroughView* view() {
    return qobject_cast<WalkthroughView*>(m_gui.window().view("walkthrough"));
  }

  /// scaled_dot on "the cat sat on" (N = M = 4) at width d = 3, the walkthrough on screen.
  bool showSentence(const QString& variant = "scaled_dot", const QString& text = "the cat sat on") {
    auto& w = m_gui.window();
    auto* panel = w.parameterPanel();
    panel->sourceBox()->setCurrentIndex(panel->sourceBox()->findData("sentence"));
    panel->sentenceField()->setText(text);
    panel->spinBox("d")->setValue(3);
    w.variantBrowser()->selectVariant(variant);
    const int tab = w.tabs()->indexOf(view());
    if (tab < 0) return false;
    w.tabs()->setCurrentIndex(tab);
    const auto n = Index(text.split(' ').size());
    return guitest::waitForResult(w, variant,
                                  [n](const atlas::core::VariantResult& r) {
                                    return r.dims.n == n && r.dims.dk == 3;
                                  }) &&
           guitest::waitFor([this] { return view()->walkthrough() != nullptr; });
  }

 private Q_SLOTS:
  void initTestCase() { QVERIFY(m_gui.setUpSuite()); }
  void init() { QVERIFY(m_gui.openWindow(QSize(1400, 900))); }
  void cleanup() { m_gui.closeWindow(); }

  void theKeysAndTheSliderStepThroughTheComputation() {
    QVERIFY(showSentence());
    WalkthroughView* v = view();
    QVERIFY(v->stepCount() >= 8);
    QCOMPARE(v->step(), 0);
    QCOMPARE(v->walkthrough()->steps[0].id, std::string("inputs"));
    const QString firstFormula = v->formulaText();
    v->setFocus();
    QTest::keyClick(v, Qt::Key_Right);
    QCOMPARE(v->step(), 1);
    QCOMPARE(v->slider()->value(), 1);
    QVERIFY(v->formulaText() != firstFormula);
    QTest::keyClick(v, Qt::Key_Space);
    QCOMPARE(v->step(), 2);
    QTest::keyClick(v, Qt::Key_Left);
    QCOMPARE(v->step(), 1);
    QTest::keyClick(v, Qt::Key_End);
    QCOMPARE(v->step(), v->stepCount() - 1);
    QTest::keyClick(v, Qt::Key_Right);  // past the last: stays
    QCOMPARE(v->step(), v->stepCount() - 1);
    QTest::keyClick(v, Qt::Key_Home);
    QCOMPARE(v->step(), 0);
    v->slider()->setValue(3);
    QCOMPARE(v->step(), 3);
    QVERIFY(v->titleText().startsWith("Step 4 of"));
  }

  void theHighlightedCellsAreDrawnWhereTheStepReadsAndWrites() {
    QVERIFY(showSentence());
    WalkthroughView* v = view();
    const int scores = stepWithId(*v->walkthrough(), "scores");
    const int rowMax = stepWithId(*v->walkthrough(), "row_max");
    QVERIFY(scores > 0 && rowMax > scores);
    for (const int k : {scores, rowMax}) {
      v->setStep(k);
      const QImage image = drawn(v->plot());
      const double ratio = image.devicePixelRatio();
      const auto& step = v->walkthrough()->steps[std::size_t(k)];
      QVERIFY(v->tables()->cellHeight() > 10);  // laid out, large enough to read
      int read = 0, written = 0;
      for (std::size_t t = 0; t < step.tables.size(); ++t) {
        const auto& table = step.tables[t];
        for (Index i = 0; i < table.values.rows(); ++i)
          for (Index j = 0; j < table.values.cols(); ++j) {
            const QColor c = tintOf(image, v->tables()->cellRect(int(t), i, j), ratio);
            if (table.written(i, j)) {
              QVERIFY2(near(c, WalkTables::writtenColor()), qPrintable(c.name()));
              ++written;
            } else if (table.read(i, j)) {
              QVERIFY2(near(c, WalkTables::readColor()), qPrintable(c.name()));
              ++read;
            } else {
              QVERIFY2(near(c, Qt::white), qPrintable(c.name()));
            }
          }
      }
      // The scores read Q and K (4 x 3 each) and write S (4 x 4); the row maximum reads S and
      // writes one value per query.
      QCOMPARE(read, k == scores ? 24 : 16);
      QCOMPARE(written, k == scores ? 16 : 4);
    }
  }

  void theWeightsAndTheOutputAreTheSoftmaxAndTheWeightedSum() {
    QVERIFY(showSentence());
    WalkthroughView* v = view();
    const atlas::core::Inputs& in = *m_gui.window().shown().inputs;
    // softmax(Q K^T / sqrt(3)) V, row by row, in double.
    const Index n = in.q.rows(), m = in.k.rows();
    Eigen::MatrixXd p(n, m), o = Eigen::MatrixXd::Zero(n, in.v.cols());
    for (Index i = 0; i < n; ++i) {
      double sum = 0;
      for (Index j = 0; j < m; ++j) {
        double s = 0;
        for (Index c = 0; c < 3; ++c) s += double(in.q(i, c)) * double(in.k(j, c));
        p(i, j) = std::exp(s / std::sqrt(3.0));
        sum += p(i, j);
      }
      p.row(i) /= sum;
      for (Index j = 0; j < m; ++j) o.row(i) += p(i, j) * in.v.row(j).cast<double>();
    }
    v->setStep(stepWithId(*v->walkthrough(), "weights"));
    const auto* weights = tableNamed(v->walkthrough()->steps[std::size_t(v->step())], "P");
    QVERIFY(weights);
    QVERIFY((weights->values - p).cwiseAbs().maxCoeff() < 1e-5);
    QTest::keyClick(v, Qt::Key_End);
    const auto& last = v->walkthrough()->steps.back();
    QCOMPARE(last.id, std::string("output"));
    const auto* output = tableNamed(last, "O");
    QVERIFY(output);
    QVERIFY((output->values - o).cwiseAbs().maxCoeff() < 1e-5);
    bool worked = false;  // the example works out one entry of the first output column
    for (Index i = 0; i < n; ++i)
      worked = worked || v->exampleText().endsWith("= " + WalkTables::numberText(o(i, 0)));
    QVERIFY2(worked, qPrintable(v->exampleText()));
    QVERIFY(v->figure() == v->plot());
  }

  void aCausalMaskShowsItsPairsAsSkipped() {
    QVERIFY(showSentence());
    auto* causal =
        qobject_cast<QAbstractButton*>(m_gui.window().parameterPanel()->editor("causal"));
    QVERIFY(causal);
    causal->setChecked(true);
    QVERIFY(guitest::waitFor([this] { return stepWithId(*view()->walkthrough(), "mask") > 0; }));
    WalkthroughView* v = view();
    v->setStep(stepWithId(*v->walkthrough(), "weights"));
    const auto* weights = tableNamed(v->walkthrough()->steps[std::size_t(v->step())], "P");
    for (Index i = 0; i < 4; ++i)
      for (Index j = 0; j < 4; ++j) QCOMPARE(weights->skipped(i, j) != 0, j > i);
    const QImage image = drawn(v->plot());
    const int p = int(v->walkthrough()->steps[std::size_t(v->step())].tables.size()) - 1;
    QVERIFY(near(tintOf(image, v->tables()->cellRect(p, 0, 3), image.devicePixelRatio()),
                 WalkTables::skippedColor()));
  }

  void otherVariantsAndLargeSizesGetOneSentence() {
    QVERIFY(showSentence("linformer"));
    WalkthroughView* v = view();
    QCOMPARE(v->stepCount(), 0);
    QVERIFY(v->figure() == nullptr);
    QVERIFY(v->messageLabel()->isVisible());
    QVERIFY(v->messageLabel()->text().contains("softmax"));
    QVERIFY(guitest::showVariant(m_gui.window(), "scaled_dot", 20));
    QVERIFY(guitest::waitFor([v] { return v->messageLabel()->text().contains("12"); }));
    QVERIFY(v->figure() == nullptr);
  }

  void theStepStaysAcrossANewResultAndGoesIntoAScene() {
    QVERIFY(showSentence());
    WalkthroughView* v = view();
    const int exp = stepWithId(*v->walkthrough(), "exp");
    v->slider()->setValue(exp);  // as a user moves it
    const auto* before = v->walkthrough();
    m_gui.window().parameterPanel()->spinBox("seed")->setValue(7);
    QVERIFY(guitest::waitFor([&] { return v->walkthrough() != before; }));
    QCOMPARE(v->walkthrough()->steps[std::size_t(v->step())].id, std::string("exp"));
    // A causal mask adds a step before it: the exponentials stay on screen, one step later.
    before = v->walkthrough();
    qobject_cast<QAbstractButton*>(m_gui.window().parameterPanel()->editor("causal"))
        ->setChecked(true);
    QVERIFY(guitest::waitFor([&] { return v->walkthrough() != before; }));
    QCOMPARE(v->walkthrough()->steps[std::size_t(v->step())].id, std::string("exp"));
    QCOMPARE(v->step(), exp + 1);
    const atlas::app::WindowState state = m_gui.window().captureState();
    QCOMPARE(state.view, QString("walkthrough"));
    QCOMPARE(state.step, exp + 1);
    atlas::app::WindowState again = state;
    again.step = 1;
    m_gui.window().applyState(again);
    QVERIFY(guitest::waitFor([v] { return v->step() == 1; }));
  }

  void theCommandLineDrawsAStepAndRefusesWhatItCannot() {
    QTemporaryDir dir;
    const QString out = dir.filePath("weights.png");
    const QStringList base{"export", "--variant",   "scaled_dot", "--input", "sentence:the cat sat",
                           "--view", "walkthrough", "--width",    "640",     "--height",
                           "480"};
    Run r = run(base + QStringList{"--step", "7", "--out", out});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(QImage(out).size(), QSize(640, 480));
    r = run(base + QStringList{"--step", "99", "--out", out});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("--step must be a whole number from 1 to 8"), qPrintable(r.err));
    r = run({"export", "--variant", "scaled_dot", "--n", "4", "--step", "2", "--out", out});
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains("--step goes with --view walkthrough"));
    // In English on stderr, whatever the figure's language.
    r = run({"export", "--variant", "linformer", "--n", "4", "--view", "walkthrough", "--lang",
             "zh_CN", "--out", out});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("softmax of query–key scores"), qPrintable(r.err));
  }

  void theTextsFollowTheLanguage() {
    QVERIFY(showSentence());
    WalkthroughView* v = view();
    v->setStep(stepWithId(*v->walkthrough(), "weights"));
    const QString english = v->formulaText();
    QVERIFY(english.contains("each row sums to 1"));
    QVERIFY(m_gui.language().setLanguage("zh_CN"));
    QVERIFY(guitest::waitFor([v, english] { return v->formulaText() != english; }));
    QVERIFY(v->titleText().contains(QString::fromUtf8("第")));
    QVERIFY(v->formulaText().contains(QString::fromUtf8("每行")));
    QVERIFY(m_gui.language().setLanguage("en"));
    QVERIFY(guitest::waitFor([v, english] { return v->formulaText() == english; }));
  }
};

QTEST_MAIN(TestGuiWalkthrough)
#include "test_gui_walkthrough.moc"
