// The main window. For now: the variant list beside a summary of the chosen variant.
#pragma once

#include <QMainWindow>

class QLabel;
class QListView;

namespace atlas::widgets {
class VariantListModel;
}

namespace atlas::app {

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);

 private:
  void retranslate();
  void showVariant(int row);

  widgets::VariantListModel* m_model = nullptr;
  QListView* m_list = nullptr;
  QLabel* m_summary = nullptr;
};

}  // namespace atlas::app
