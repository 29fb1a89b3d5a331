// The table of views shown as tabs in the window and exported by `attention-atlas export`.
#pragma once

#include <QString>

namespace atlas::widgets {

class ResultView;

struct ViewEntry {
  const char* id;  ///< "heatmap", "output", "explanation": stable, used by the CLI
  const char*
      title;  ///< untranslated tab title (translate with QCoreApplication::translate("Views", ...))
  ResultView* (*make)(QWidget* parent);
  bool exportable;  ///< has a figure for File > Export and the export command
};

/// Every view, in tab order.
const ViewEntry* viewTable(int* count);
const ViewEntry* findView(const QString& id);
QString viewTitle(const ViewEntry& entry);

}  // namespace atlas::widgets
