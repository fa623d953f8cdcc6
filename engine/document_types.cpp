#include "engine/document_types.h"

namespace planflow {

const std::vector<DocumentType>& document_types() {
  static const std::vector<DocumentType> kTypes = {
      {"NQ", "Nghị quyết", "Resolution"},
      {"QĐ", "Quyết định", "Decision"},
      {"CT", "Chỉ thị", "Directive"},
      {"QC", "Quy chế", "Regulation"},
      {"QyĐ", "Quy định", "Rules"},
      {"TC", "Thông cáo", "Communiqué"},
      {"TB", "Thông báo", "Notice"},
      {"HD", "Hướng dẫn", "Guidance"},
      {"CTr", "Chương trình", "Programme"},
      {"KH", "Kế hoạch", "Plan"},
      {"PA", "Phương án", "Scheme"},
      {"ĐA", "Đề án", "Project proposal"},
      {"DA", "Dự án", "Project"},
      {"BC", "Báo cáo", "Report"},
      {"BB", "Biên bản", "Minutes"},
      {"TTr", "Tờ trình", "Submission"},
      {"HĐ", "Hợp đồng", "Contract"},
      {"CĐ", "Công điện", "Official telegram"},
      {"GN", "Bản ghi nhớ", "Memorandum of understanding"},
      {"TTh", "Bản thỏa thuận", "Agreement"},
      {"GUQ", "Giấy ủy quyền", "Power of attorney"},
      {"GM", "Giấy mời", "Invitation"},
      {"GGT", "Giấy giới thiệu", "Letter of introduction"},
      {"NP", "Giấy nghỉ phép", "Leave permit"},
      {"PG", "Phiếu gửi", "Dispatch slip"},
      {"PC", "Phiếu chuyển", "Transfer slip"},
      {"PB", "Phiếu báo", "Notification slip"},
      // An official letter (công văn) has no abbreviation of its own: its
      // symbol names the drafting unit instead. "CV" names its register series.
      {"CV", "Công văn", "Official letter"},
  };
  return kTypes;
}

const DocumentType* find_document_type(std::string_view abbreviation) {
  for (const DocumentType& t : document_types())
    if (t.abbreviation == abbreviation) return &t;
  return nullptr;
}

std::vector<std::string> document_type_abbreviations() {
  std::vector<std::string> out;
  for (const DocumentType& t : document_types())
    out.emplace_back(t.abbreviation);
  return out;
}

}  // namespace planflow
