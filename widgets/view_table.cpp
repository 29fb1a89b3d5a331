#include "view_table.h"

#include "complexity_view.h"
#include "explanation_view.h"
#include "gallery_view.h"
#include "heatmap_view.h"
#include "low_rank_view.h"
#include "output_view.h"
#include "sparsity_view.h"
#include "teaching_view.h"
#include "walkthrough_view.h"

#include <QCoreApplication>

namespace atlas::widgets {
namespace {

template <typename View>
ResultView* make(QWidget* parent) {
  return new View(parent);
}

const ViewEntry kViews[] = {
    {"heatmap", QT_TRANSLATE_NOOP("Views", "Heatmap"), &make<HeatmapView>, true},
    {"output", QT_TRANSLATE_NOOP("Views", "Output"), &make<OutputView>, true},
    {"sparsity", QT_TRANSLATE_NOOP("Views", "Sparsity"), &make<SparsityView>, true},
    {"walkthrough", QT_TRANSLATE_NOOP("Views", "Walkthrough"), &make<WalkthroughView>, true},
    {"teaching", QT_TRANSLATE_NOOP("Views", "Teaching"), &make<TeachingView>, true},
    {"lowrank", QT_TRANSLATE_NOOP("Views", "Low rank"), &make<LowRankView>, true},
    {"complexity", QT_TRANSLATE_NOOP("Views", "Complexity"), &make<ComplexityView>, true},
    {"gallery", QT_TRANSLATE_NOOP("Views", "Gallery"), &make<GalleryView>, true},
    {"explanation", QT_TRANSLATE_NOOP("Views", "Explanation"), &make<ExplanationView>, false},
};

}  // namespace

const ViewEntry* viewTable(int* count) {
  *count = static_cast<int>(std::size(kViews));
  return kViews;
}

const ViewEntry* findView(const QString& id) {
  for (const ViewEntry& v : kViews)
    if (id == QLatin1String(v.id)) return &v;
  return nullptr;
}

QString viewTitle(const ViewEntry& entry) {
  return QCoreApplication::translate("Views", entry.title);
}

}  // namespace atlas::widgets
