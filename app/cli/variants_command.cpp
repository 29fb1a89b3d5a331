#include "args.h"
#include "commands.h"
#include "json_out.h"

#include "core/params.h"
#include "core/variant_registry.h"

#include <iostream>

namespace atlas::app::cli {

using core::io::JsonArray;
using core::io::JsonObject;
using core::io::toJson;

int runVariants(int argc, char** argv) {
  const std::vector<OptionSpec> specs = {
      {"json", false, false, "", "print JSON: id, family, description and parameters"},
      {"help", false, false, "", "show this help"}};
  const Args args(argc, argv, 2, "variants", specs);
  if (args.has("help")) {
    std::cout << helpText("attention-atlas variants [--json]", specs);
    return 0;
  }
  if (args.has("json")) {
    JsonArray all;
    for (const core::Variant* v : core::allVariants()) all.append(variantToJson(*v));
    std::cout << toJson(JsonObject{{"variants", all}});
    return 0;
  }
  for (const core::Variant* v : core::allVariants()) {
    std::cout << v->id() << "  [" << core::familyId(v->family()) << "]\n  " << v->description()
              << "\n";
    for (const core::ParamSpec& p : v->params()) {
      std::cout << "    " << p.name << " (" << core::paramKindName(p.kind) << ")";
      if (p.kind == core::ParamKind::Matrix)
        std::cout << " " << p.defaultText << ", seeded unless --set " << p.name << "=FILE";
      else if (p.kind == core::ParamKind::Text)
        std::cout << " default " << p.defaultText;
      else
        std::cout << " default " << core::formatNumber(p.defaultValue) << ", range "
                  << core::formatNumber(p.min) << ".." << core::formatNumber(p.max);
      std::cout << ": " << p.description << "\n";
    }
  }
  return 0;
}

}  // namespace atlas::app::cli
