<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>About</name>
    <message>
        <location filename="../../ui/about.py" line="22"/>
        <source>bản cài đặt</source>
        <translation>the installed build</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="24"/>
        <source>mã nguồn</source>
        <translation>source</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="29"/>
        <source>Phần mềm tiếp nhận và trả kết quả một cửa cấp xã, chạy được khi mất mạng.</source>
        <translation>One-stop counter software for communes and wards: takes in dossiers and returns results, even offline.</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="33"/>
        <source>Thư mục dữ liệu: {0}</source>
        <translation>Data folder: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="37"/>
        <source>Chạy từ: {0} (Python {1}, Qt {2})</source>
        <translation>Running from: {0} (Python {1}, Qt {2})</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="41"/>
        <source>Giấy phép MIT; phông chữ Liberation Serif theo SIL OFL 1.1.</source>
        <translation>MIT licence; Liberation Serif fonts under the SIL OFL 1.1.</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="50"/>
        <source>Giới thiệu Một Cửa</source>
        <translation>About Một Cửa</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="56"/>
        <source>Trợ giúp</source>
        <translation>Help</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="57"/>
        <source>Giới thiệu Một Cửa…</source>
        <translation>About Một Cửa…</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../ui/pages/admin.py" line="52"/>
        <source>Cán bộ một cửa</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="53"/>
        <source>Lãnh đạo/giám sát</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="56"/>
        <source>{0} ngày làm việc</source>
        <translation>{0} working days</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="57"/>
        <source>{0} giờ làm việc</source>
        <translation>{0} working hours</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="58"/>
        <source>{0} ngày</source>
        <translation>{0} days</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="59"/>
        <source>Trong ngày</source>
        <translation>Same day</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="62"/>
        <source>Quốc gia</source>
        <translation>National</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="63"/>
        <source>Tỉnh</source>
        <translation>Province</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="64"/>
        <source>Tại quầy</source>
        <translation>This office</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="69"/>
        <source>Giấy nhiệt 80 mm</source>
        <translation>Thermal paper 80 mm</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="94"/>
        <source>Mã</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="95"/>
        <source>Tên thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="97"/>
        <source>Thời hạn</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="101"/>
        <source>Phí, lệ phí</source>
        <translation>Fees</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="105"/>
        <source>Không thu</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="110"/>
        <source>Giấy tờ</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="115"/>
        <source>Áp dụng</source>
        <translation>In force</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="117"/>
        <source>Có</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="119"/>
        <source>Ngừng</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="123"/>
        <source>Tệp kết quả</source>
        <translation>Result file</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="125"/>
        <source>Bắt buộc</source>
        <translation>Required</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="136"/>
        <source>Bắt buộc / bỏ bắt buộc tệp kết quả</source>
        <translation>Require / stop requiring the result file</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="140"/>
        <source>Thủ tục đang chọn: hồ sơ chỉ chuyển &apos;Đã có kết quả&apos; khi có tệp kết quả điện tử</source>
        <translation>Selected procedure: a dossier becomes &apos;Result ready&apos; only with its electronic result file</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="147"/>
        <source>Nhập danh mục từ tệp…</source>
        <translation>Import a catalogue file…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="175"/>
        <source>Chọn một thủ tục trong bảng trước.</source>
        <translation>Select a procedure in the table first.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="184"/>
        <source>Thủ tục {0}: bắt buộc tệp kết quả điện tử.</source>
        <translation>Procedure {0}: the electronic result file is required.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="188"/>
        <source>Thủ tục {0}: không bắt buộc tệp kết quả.</source>
        <translation>Procedure {0}: the result file is optional.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="204"/>
        <source>Chọn tệp danh mục thủ tục</source>
        <translation>Choose a procedure catalogue file</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="206"/>
        <source>Danh mục thủ tục (*.json)</source>
        <translation>Procedure catalogue (*.json)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="218"/>
        <source>Đã nhập {0} thủ tục từ {1}.</source>
        <translation>Imported {0} procedures from {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="249"/>
        <location filename="../../ui/pages/admin.py" line="293"/>
        <source>Ngày</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="253"/>
        <source>Loại</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="255"/>
        <source>Nghỉ</source>
        <translation>Day off</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="257"/>
        <source>Làm việc (bù)</source>
        <translation>Working day (make-up)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="261"/>
        <location filename="../../ui/pages/admin.py" line="294"/>
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="265"/>
        <source>Nguồn</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="278"/>
        <source>Lý do (bắt buộc)</source>
        <translation>Reason (required)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="279"/>
        <source>Thêm ngày nghỉ</source>
        <translation>Add a day off</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="282"/>
        <source>Thêm ngày làm bù</source>
        <translation>Add a make-up working day</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="286"/>
        <source>Xóa ngày đã chọn</source>
        <translation>Remove the selected day</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="292"/>
        <source>Năm</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="305"/>
        <source>Chỉ xóa được ngày do quầy thêm; lịch quốc gia và của tỉnh
được thay bằng cách thêm ngày tại quầy.</source>
        <translation>Only days added by this office can be removed; national and provincial days
are changed by adding a day at this office.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="341"/>
        <source>Chọn một ngày trong bảng trước.</source>
        <translation>Choose a day in the table first.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="363"/>
        <source>Thứ Hai</source>
        <translation>Monday</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="364"/>
        <source>Thứ Ba</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="365"/>
        <source>Thứ Tư</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="366"/>
        <source>Thứ Năm</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="367"/>
        <source>Thứ Sáu</source>
        <translation>Friday</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="368"/>
        <source>Thứ Bảy</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="369"/>
        <source>Chủ nhật</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="395"/>
        <source>Mã truy cập do tỉnh cấp cho quầy (để trống: giữ nguyên)</source>
        <translation>The desk&apos;s access token from the province (leave empty to keep it)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="400"/>
        <source>Tự động đồng bộ khi có mạng</source>
        <translation>Sync automatically when the network is there</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="403"/>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="411"/>
        <source>Khổ giấy biên nhận</source>
        <translation>Receipt paper</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="412"/>
        <source>Máy chủ tỉnh</source>
        <translation>Provincial server</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="413"/>
        <source>Mã truy cập</source>
        <translation>Access token</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="418"/>
        <source>Khôi phục từ bản sao lưu…</source>
        <translation>Restore from a backup…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="443"/>
        <source>Mã cơ quan: {0}</source>
        <translation>Agency code: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="444"/>
        <source>Quầy: {0} (số {1})</source>
        <translation>Desk: {0} (number {1})</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="449"/>
        <source>Địa chỉ: {0}</source>
        <translation>Address: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="451"/>
        <source>Điện thoại: {0}</source>
        <translation>Phone: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="473"/>
        <source>Đã lưu.</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="488"/>
        <source>Chọn bản sao lưu</source>
        <translation>Choose a backup</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="490"/>
        <source>Bản sao lưu Một Cửa (*.mcb);;Mọi tệp (*)</source>
        <translation>Một Cửa backups (*.mcb);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="496"/>
        <source>Mật khẩu sao lưu</source>
        <translation>Backup passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="497"/>
        <source>Mật khẩu đã dùng khi sao lưu:</source>
        <translation>The passphrase used for the backup:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="504"/>
        <source>Khôi phục từ bản sao lưu</source>
        <translation>Restore from a backup</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="505"/>
        <source>Cơ sở dữ liệu hiện tại được thay bằng bản sao lưu {0} (bản hiện tại được giữ lại bên cạnh). Sau đó quầy lấy lại từ máy chủ tỉnh những gì đã gửi sau bản sao lưu. Tiếp tục?</source>
        <translation>The current database is replaced by the backup {0} (the current one is kept beside it). Then the desk takes back from the provincial server what it sent after the backup. Continue?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="521"/>
        <source>Đang đồng bộ: đợi lần đồng bộ này xong rồi khôi phục.</source>
        <translation>Syncing: wait for this sync to end, then restore.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="529"/>
        <source>Đang khôi phục…</source>
        <translation>Restoring…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="535"/>
        <source>Đã khôi phục; cơ sở dữ liệu trước được giữ ở {0}.</source>
        <translation>Restored; the previous database is kept as {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="549"/>
        <source>Đang lấy lại từ máy chủ tỉnh: {0} hồ sơ…</source>
        <translation>Taking back from the provincial server: {0} dossiers…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="559"/>
        <source>Đã khôi phục và lấy lại {0} hồ sơ từ máy chủ tỉnh; quầy tiếp nhận hồ sơ bình thường.</source>
        <translation>Restored, and {0} dossiers taken back from the provincial server; the desk takes in dossiers as usual.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="568"/>
        <source>Đã khôi phục nhưng chưa lấy lại được từ máy chủ tỉnh ({0}). Quầy chưa tiếp nhận hay thay đổi hồ sơ cho tới khi đồng bộ được.</source>
        <translation>Restored, but nothing could be taken back from the provincial server yet ({0}). The desk takes in and changes no dossier until it can sync.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="602"/>
        <source>Máy này chưa có máy in nào. Mọi mẫu vẫn in ra tệp PDF được (nút “Lưu PDF” trong cửa sổ xem trước).</source>
        <translation>This computer has no printer yet. Every form can still be saved as a PDF file (&quot;Save PDF&quot; in the preview window).</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="615"/>
        <source>Máy in mặc định / hỏi khi in</source>
        <translation>Default printer / ask when printing</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="632"/>
        <source>Chưa chọn: bản quét mới không tự hiện</source>
        <translation>Not chosen: new scans do not show up by themselves</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="634"/>
        <source>Chọn thư mục…</source>
        <translation>Choose folder…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="641"/>
        <source>Thư mục máy quét</source>
        <translation>Scan folder</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="653"/>
        <source>Thư mục máy quét lưu bản quét</source>
        <translation>Folder the scanner saves into</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="678"/>
        <source>Người dùng</source>
        <translation>Users</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="679"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="680"/>
        <source>Lịch làm việc</source>
        <translation>Working calendar</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="681"/>
        <source>Cơ quan</source>
        <translation>Office</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="682"/>
        <source>Máy in</source>
        <translation>Printers</translation>
    </message>
</context>
<context>
    <name>CataloguePage</name>
    <message>
        <location filename="../../ui/setup_wizard.py" line="276"/>
        <source>Danh mục thủ tục</source>
        <translation>Procedure catalogue</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="277"/>
        <source>Thủ tục hành chính mà quầy tiếp nhận, với thời hạn và giấy tờ.</source>
        <translation>The administrative procedures this desk takes in, with their time limits and documents.</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="278"/>
        <source>Danh mục của tỉnh kèm theo ứng dụng</source>
        <translation>The province&apos;s catalogue bundled with the app</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="280"/>
        <source>Từ tệp tỉnh gửi (.json)</source>
        <translation>From a file sent by the province (.json)</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="283"/>
        <source>Để trống, nhập sau ở Quản trị → Thủ tục (chưa tiếp nhận được hồ sơ)</source>
        <translation>Start empty, import later in Administration → Procedures (no intake until then)</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="290"/>
        <source>đường dẫn tệp danh mục</source>
        <translation>path of the catalogue file</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="291"/>
        <source>Chọn tệp…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="321"/>
        <source>Chọn tệp danh mục thủ tục</source>
        <translation>Choose the procedure catalogue file</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="322"/>
        <source>Danh mục thủ tục (*.json)</source>
        <translation>Procedure catalogue (*.json)</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../ui/account_dialogs.py" line="102"/>
        <source>Một Cửa — Đổi mật khẩu</source>
        <translation>Một Cửa — Change password</translation>
    </message>
    <message>
        <location filename="../../ui/account_dialogs.py" line="107"/>
        <source>Đổi mật khẩu của {0} ({1}).</source>
        <translation>Change the password of {0} ({1}).</translation>
    </message>
    <message>
        <location filename="../../ui/account_dialogs.py" line="109"/>
        <source>Mật khẩu hiện tại</source>
        <translation>Current password</translation>
    </message>
    <message>
        <location filename="../../ui/account_dialogs.py" line="113"/>
        <source>Mật khẩu của {0} vừa được lãnh đạo đặt lại: hãy chọn mật khẩu mới trước khi làm việc.</source>
        <translation>The password of {0} was reset by a supervisor: choose a new password before working.</translation>
    </message>
    <message>
        <location filename="../../ui/account_dialogs.py" line="117"/>
        <source>Mật khẩu mới</source>
        <translation>New password</translation>
    </message>
    <message>
        <location filename="../../ui/account_dialogs.py" line="118"/>
        <source>Nhập lại mật khẩu mới</source>
        <translation>New password again</translation>
    </message>
    <message>
        <location filename="../../ui/account_dialogs.py" line="119"/>
        <source>Đổi mật khẩu</source>
        <translation>Change password</translation>
    </message>
</context>
<context>
    <name>ChoicePage</name>
    <message>
        <location filename="../../ui/setup_wizard.py" line="93"/>
        <source>Chào mừng đến với Một Cửa</source>
        <translation>Welcome to Một Cửa</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="94"/>
        <source>Quầy này chưa được thiết lập. Chọn cách bắt đầu:</source>
        <translation>This counter is not set up yet. Choose how to start:</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="95"/>
        <source>Văn phòng mẫu (demo) — dùng thử ngay</source>
        <translation>Demo office — try it now</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="97"/>
        <source>Thiết lập văn phòng thật</source>
        <translation>Set up a real office</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="103"/>
        <source>Văn phòng mẫu: «UBND xã Demo» với danh mục thủ tục mẫu.
Đăng nhập: admin (lãnh đạo) hoặc canbo (cán bộ), mật khẩu {0}</source>
        <translation>Demo office: “UBND xã Demo” with the sample procedure catalogue.
Log in as admin (supervisor) or canbo (clerk), password {0}</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="109"/>
        <source>Văn phòng thật: tên và mã cơ quan, đơn vị xã, quầy, người quản trị đầu tiên, danh mục thủ tục và máy chủ tỉnh — từng bước, xem lại trước khi hoàn tất.</source>
        <translation>Real office: office name and code, commune unit, desk, first supervisor, procedure catalogue and provincial server — step by step, reviewed before finishing.</translation>
    </message>
</context>
<context>
    <name>CounterStatusBar</name>
    <message>
        <location filename="../../ui/status_bar.py" line="33"/>
        <source>Máy chủ tỉnh: đang kiểm tra…</source>
        <translation>Provincial server: checking…</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="57"/>
        <source>Lãnh đạo/giám sát</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="57"/>
        <source>Cán bộ một cửa</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="58"/>
        <source>Người dùng: {0} ({1})</source>
        <translation>User: {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="70"/>
        <source>Đang đồng bộ…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="82"/>
        <source>Máy chủ tỉnh không nhận mã của quầy — cần đăng ký lại</source>
        <translation>The provincial server refuses this desk&apos;s token — enrol the desk again</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="86"/>
        <source>Ngoại tuyến — sẽ tự thử lại</source>
        <translation>Offline — will retry by itself</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="91"/>
        <source>Chờ đồng bộ: {0}</source>
        <translation>Waiting to sync: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="93"/>
        <source>Tự động đồng bộ: bật</source>
        <translation>Background sync: on</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="93"/>
        <source>Tự động đồng bộ: tắt</source>
        <translation>Background sync: off</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="97"/>
        <source>chưa có</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="98"/>
        <source>Đồng bộ lần cuối: {0}</source>
        <translation>Last sync: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="100"/>
        <source>Ngoại tuyến — chưa cấu hình máy chủ tỉnh</source>
        <translation>Offline — no provincial server configured</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="103"/>
        <location filename="../../ui/status_bar.py" line="116"/>
        <source>Ngoại tuyến</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="112"/>
        <source>Máy chủ tỉnh: chưa kiểm tra được</source>
        <translation>Provincial server: cannot check yet</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="76"/>
        <location filename="../../ui/status_bar.py" line="114"/>
        <source>Trực tuyến</source>
        <translation>Online</translation>
    </message>
</context>
<context>
    <name>DeskPage</name>
    <message>
        <location filename="../../ui/setup_wizard.py" line="216"/>
        <source>Quầy</source>
        <translation>Desk</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="218"/>
        <source>Số quầy đứng trong mã hồ sơ: mỗi quầy của cơ quan một số khác nhau.</source>
        <translation>The desk number is part of every dossier code: each desk of the office has its own.</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="220"/>
        <source>Quầy 1</source>
        <translation>Quầy 1</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="225"/>
        <source>Tên quầy *</source>
        <translation>Desk name *</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="226"/>
        <source>Số quầy (1–9) *</source>
        <translation>Desk number (1–9) *</translation>
    </message>
</context>
<context>
    <name>DocumentChecklist</name>
    <message>
        <location filename="../../ui/widgets/checklist.py" line="58"/>
        <source>Giấy tờ</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/checklist.py" line="58"/>
        <location filename="../../ui/widgets/checklist.py" line="64"/>
        <source>Bản chính</source>
        <translation>Originals</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/checklist.py" line="58"/>
        <source>Bản sao CT</source>
        <translation>Certified</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/checklist.py" line="58"/>
        <location filename="../../ui/widgets/checklist.py" line="64"/>
        <source>Bản photo</source>
        <translation>Photocopies</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/checklist.py" line="64"/>
        <source>Bản sao có chứng thực</source>
        <translation>Certified copies</translation>
    </message>
</context>
<context>
    <name>DossierDetail</name>
    <message>
        <location filename="../../ui/dossier_detail.py" line="53"/>
        <source>Chuyển xử lý</source>
        <translation>Start processing</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="54"/>
        <source>Yêu cầu bổ sung</source>
        <translation>Supplement requested</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="55"/>
        <source>Yêu cầu nộp phí, lệ phí</source>
        <translation>Request fees</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="56"/>
        <source>Đã có kết quả</source>
        <translation>Result ready</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="57"/>
        <source>Công dân rút hồ sơ</source>
        <translation>Withdrawn by the citizen</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="58"/>
        <source>Dừng xử lý</source>
        <translation>Stopped</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="59"/>
        <source>Từ chối</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="62"/>
        <source>Tiếp nhận</source>
        <translation>Intake</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="63"/>
        <source>Chuyển trạng thái</source>
        <translation>Status change</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="64"/>
        <source>Trả kết quả</source>
        <translation>Return</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="65"/>
        <source>In</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="66"/>
        <source>Thư xin lỗi, hẹn lại</source>
        <translation>Apology, new date</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="67"/>
        <location filename="../../ui/dossier_detail.py" line="485"/>
        <source>Đánh giá</source>
        <translation>Rating</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="68"/>
        <source>Đính kèm tệp</source>
        <translation>Attached a file</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="71"/>
        <source>Rất hài lòng</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="72"/>
        <source>Hài lòng</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="73"/>
        <source>Không hài lòng</source>
        <translation>Not satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="90"/>
        <source>Xung đột: hồ sơ đã được sửa cả ở đây và ở cấp tỉnh. Lãnh đạo xem trang Đồng bộ để quyết định.</source>
        <translation>Conflict: the dossier was changed both here and at the province. A supervisor decides on the Sync page.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="96"/>
        <source>Lỗi đồng bộ: {0}. Máy sẽ tự gửi lại; nếu lỗi còn, báo lãnh đạo xem trang Đồng bộ.</source>
        <translation>Sync error: {0}. It will be sent again automatically; if the error stays, ask a supervisor to check the Sync page.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="99"/>
        <source>không rõ lý do</source>
        <translation>reason unknown</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="101"/>
        <source>Đã gửi lên hệ thống của tỉnh.</source>
        <translation>Sent to the provincial system.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="103"/>
        <source>Đang gửi lên hệ thống của tỉnh…</source>
        <translation>Sending to the provincial system…</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="104"/>
        <source>Chờ gửi lên hệ thống của tỉnh (gửi khi có mạng).</source>
        <translation>Waiting to be sent to the provincial system (when online).</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="137"/>
        <source>Chuyển trạng thái hồ sơ</source>
        <translation>Change the dossier&apos;s status</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="141"/>
        <source>Hồ sơ {0} → {1}</source>
        <translation>Dossier {0} → {1}</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="149"/>
        <source>Ghi chú / lý do (ghi vào lịch sử hồ sơ)</source>
        <translation>Note / reason (kept in the dossier&apos;s history)</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="164"/>
        <source>Kết quả điện tử</source>
        <translation>Electronic result</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="168"/>
        <source>Thủ tục này bắt buộc đính kèm tệp kết quả (PDF hoặc ảnh quét).</source>
        <translation>This procedure requires the result file (PDF or scanned image).</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="178"/>
        <location filename="../../ui/dossier_detail.py" line="201"/>
        <source>Chưa chọn tệp</source>
        <translation>No file chosen</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="182"/>
        <source>Chọn tệp kết quả…</source>
        <translation>Choose the result file…</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="688"/>
        <source>Chọn tệp kết quả điện tử</source>
        <translation>Choose the electronic result file</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="692"/>
        <source>Tệp kết quả (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)</source>
        <translation>Result files (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="225"/>
        <source>Hẹn cũ</source>
        <translation>Current appointment</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="228"/>
        <source>Lý do chậm</source>
        <translation>Reason for the delay</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="229"/>
        <source>Hẹn mới</source>
        <translation>New appointment</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="260"/>
        <location filename="../../ui/dossier_detail.py" line="278"/>
        <source>Chọn một hồ sơ trong danh sách để xem chi tiết.</source>
        <translation>Choose a dossier in the list to see its details.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="338"/>
        <source>{0} — hẹn trả {1}</source>
        <translation>{0} — due {1}</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="359"/>
        <source>Thao tác</source>
        <translation>Actions</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="377"/>
        <source>Trả kết quả cho công dân ở trang Trả kết quả.</source>
        <translation>Hand the result over on the Return page.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="386"/>
        <source>Đính kèm tệp kết quả…</source>
        <translation>Attach the result file…</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="404"/>
        <source>Thư xin lỗi, hẹn lại…</source>
        <translation>Apology letter, new date…</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="417"/>
        <source>In lại</source>
        <translation>Print again</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="428"/>
        <source>Hồ sơ đã kết thúc, không còn thao tác.</source>
        <translation>The dossier is closed; no actions left.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="439"/>
        <source>Thông tin hồ sơ</source>
        <translation>Dossier details</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="445"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="448"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="449"/>
        <source>Số CCCD/giấy tờ</source>
        <translation>ID card / document number</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="450"/>
        <source>Ngày sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="451"/>
        <source>Giới tính</source>
        <translation>Gender</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="452"/>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="453"/>
        <source>Thư điện tử</source>
        <translation>Email</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="454"/>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="456"/>
        <source>Chủ hồ sơ</source>
        <translation>Owner of the dossier</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="459"/>
        <source>Ngày nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="461"/>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="464"/>
        <source>Người tiếp nhận</source>
        <translation>Received by</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="465"/>
        <source>Số bộ hồ sơ</source>
        <translation>Number of sets</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="467"/>
        <source>Phí, lệ phí</source>
        <translation>Fees</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="470"/>
        <source>Không thu</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="473"/>
        <source>Có kết quả lúc</source>
        <translation>Result ready at</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="477"/>
        <source>Trả kết quả lúc</source>
        <translation>Result handed over at</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="481"/>
        <source>Người nhận kết quả</source>
        <translation>Received by</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="488"/>
        <source>Ghi chú</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="491"/>
        <source>Lý do từ chối</source>
        <translation>Reason for refusal</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="495"/>
        <source>Gia hạn đến</source>
        <translation>Extended to</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="507"/>
        <source>Cơ quan giải quyết</source>
        <translation>Resolving office</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="513"/>
        <source>Nơi trả kết quả</source>
        <translation>Result handed out at</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="518"/>
        <source>Đang giữ hồ sơ</source>
        <translation>Held by</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="529"/>
        <source>Giấy tờ đã nhận</source>
        <translation>Documents received</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="532"/>
        <source>Không có</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="535"/>
        <source>bản chính</source>
        <translation>original</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="538"/>
        <source>bản sao chứng thực</source>
        <translation>certified copy</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="540"/>
        <source>bản photo</source>
        <translation>photocopy</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="549"/>
        <source>Lịch sử hồ sơ</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="564"/>
        <source>kết quả điện tử</source>
        <translation>electronic result</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_detail.py" line="616"/>
        <location filename="../../ui/dossier_detail.py" line="632"/>
        <source>Đang kiểm tra tệp…</source>
        <translation>Checking the file…</translation>
    </message>
</context>
<context>
    <name>DossierTable</name>
    <message>
        <location filename="../../ui/dossier_model.py" line="37"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_model.py" line="38"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_model.py" line="39"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_model.py" line="40"/>
        <source>Ngày nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_model.py" line="41"/>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_model.py" line="42"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_model.py" line="43"/>
        <source>Đồng bộ</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_model.py" line="61"/>
        <source>QUÁ HẠN</source>
        <translation>LATE</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_model.py" line="62"/>
        <source>Sắp đến hạn</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_model.py" line="179"/>
        <source>Bấm để sắp xếp theo cột này</source>
        <translation>Click to sort by this column</translation>
    </message>
</context>
<context>
    <name>DossiersPage</name>
    <message>
        <location filename="../../ui/pages/dossiers.py" line="45"/>
        <source>Tất cả</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dossiers.py" line="46"/>
        <source>Đến hạn hôm nay</source>
        <translation>Due today</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dossiers.py" line="47"/>
        <source>Quá hạn</source>
        <translation>Late</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dossiers.py" line="48"/>
        <source>Chờ đồng bộ</source>
        <translation>Waiting to sync</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dossiers.py" line="49"/>
        <source>Lỗi đồng bộ</source>
        <translation>Sync error</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dossiers.py" line="68"/>
        <source>Tìm theo mã hồ sơ, tên, số CCCD hoặc điện thoại (gõ có dấu hay không dấu)</source>
        <translation>Search by dossier code, name, ID number or phone (with or without accents)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dossiers.py" line="79"/>
        <source>Mọi trạng thái</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dossiers.py" line="178"/>
        <source>{0} hồ sơ</source>
        <translation>{0} dossiers</translation>
    </message>
</context>
<context>
    <name>IntakePage</name>
    <message>
        <location filename="../../ui/pages/intake.py" line="255"/>
        <source>Cơ quan giải quyết</source>
        <translation>Resolving office</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="168"/>
        <location filename="../../ui/pages/intake.py" line="760"/>
        <source>Chưa chọn thủ tục</source>
        <translation>No procedure chosen</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="173"/>
        <source>1. Thủ tục</source>
        <translation>1. Procedure</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="179"/>
        <source>Họ và tên người nộp</source>
        <translation>Applicant’s full name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="180"/>
        <source>12 số (hoặc quét mã QR trên căn cước)</source>
        <translation>12 digits (or scan the ID card’s QR code)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="185"/>
        <source>Nam</source>
        <translation>Male</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="186"/>
        <source>Nữ</source>
        <translation>Female</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="191"/>
        <source>Để trống nếu là người nộp</source>
        <translation>Leave empty if it is the applicant</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="192"/>
        <source>12 số</source>
        <translation>12 digits</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="200"/>
        <source>Dùng thông tin cũ (Ctrl+K)</source>
        <translation>Use earlier details (Ctrl+K)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="207"/>
        <source>2. Người nộp hồ sơ</source>
        <translation>2. Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="210"/>
        <source>Họ tên *</source>
        <translation>Full name *</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="211"/>
        <source>Số định danh *</source>
        <translation>ID number *</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="213"/>
        <source>Ngày sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="214"/>
        <source>Giới tính</source>
        <translation>Gender</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="215"/>
        <source>Điện thoại *</source>
        <translation>Phone *</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="216"/>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="217"/>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="218"/>
        <source>Chủ hồ sơ (nếu khác người nộp)</source>
        <translation>Owner of the dossier (if not the applicant)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="222"/>
        <source>Họ tên chủ hồ sơ</source>
        <translation>Owner’s full name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="223"/>
        <source>Số định danh chủ hồ sơ</source>
        <translation>Owner’s ID number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="244"/>
        <source>3. Thành phần hồ sơ (Ctrl+D: nhận đủ tất cả)</source>
        <translation>3. Documents (Ctrl+D: all received)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="252"/>
        <source>Số bộ hồ sơ</source>
        <translation>Number of sets</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="253"/>
        <source>Ghi chú</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="265"/>
        <source>4. Hẹn trả kết quả</source>
        <translation>4. Result due</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="271"/>
        <source>Tiếp nhận và in biên nhận (Ctrl+Enter)</source>
        <translation>Accept and print the receipt (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="277"/>
        <source>Chưa đủ — in Mẫu 02 (Ctrl+B)</source>
        <translation>Incomplete — print form 02 (Ctrl+B)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="279"/>
        <source>Từ chối — in Mẫu 03 (Ctrl+R)</source>
        <translation>Refuse — print form 03 (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="281"/>
        <source>Làm mới (Ctrl+N)</source>
        <translation>New (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="310"/>
        <source>Nhập tiếp hồ sơ này</source>
        <translation>Continue this dossier</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="313"/>
        <source>Bỏ</source>
        <translation>Discard</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="366"/>
        <source>Mã QR không đọc được: {0}</source>
        <translation>Cannot read the QR code: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="450"/>
        <source>{0} ngày làm việc</source>
        <translation>{0} working days</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="451"/>
        <source>{0} giờ làm việc</source>
        <translation>{0} working hours</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="452"/>
        <source>{0} ngày</source>
        <translation>{0} days</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="453"/>
        <source>trong ngày</source>
        <translation>same day</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="457"/>
        <source>Lệ phí: {0}</source>
        <translation>Fee: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="457"/>
        <source>miễn phí</source>
        <translation>free</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="476"/>
        <source>Hẹn trả: {0}</source>
        <translation>Due: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="482"/>
        <source>Đã nhận {0}/{1} giấy tờ</source>
        <translation>{0}/{1} documents received</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="511"/>
        <source>Đã đọc mã QR căn cước.</source>
        <translation>ID card QR code read.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="534"/>
        <source>Đã từng nộp hồ sơ: {0}</source>
        <translation>Applied before: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="578"/>
        <location filename="../../ui/pages/intake.py" line="612"/>
        <source>Chọn thủ tục trước (Ctrl+F để tìm).</source>
        <translation>Choose a procedure first (Ctrl+F to search).</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="598"/>
        <source>Máy đang kiểm tra tệp vừa đính kèm: chờ một chút rồi tiếp nhận.</source>
        <translation>Still checking a file just attached: wait a moment, then accept.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="615"/>
        <source>Còn thiếu {0} giấy tờ chưa đánh dấu. Nếu công dân chưa mang đủ, chọn “Chưa đủ — in Mẫu 02”.</source>
        <translation>{0} documents are not ticked. If the citizen has not brought them, choose “Incomplete — print form 02”.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="635"/>
        <source>Đã tiếp nhận hồ sơ {0}. Hẹn trả {1}.</source>
        <translation>Dossier {0} accepted. Due {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="639"/>
        <source>{0} thành phần chưa có bản quét.</source>
        <translation>{0} checklist item(s) have no scan.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="654"/>
        <source>Mọi giấy tờ đều đã đánh dấu: hãy tiếp nhận hồ sơ.</source>
        <translation>Every document is ticked: accept the dossier.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="667"/>
        <source>Đã lập phiếu hướng dẫn bổ sung (Mẫu 02).</source>
        <translation>Supplement request (form 02) prepared.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="674"/>
        <source>Từ chối tiếp nhận</source>
        <translation>Refuse the dossier</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="674"/>
        <source>Lý do từ chối (in trên Mẫu 03):</source>
        <translation>Reason for refusal (printed on form 03):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="683"/>
        <source>Cần ghi lý do từ chối.</source>
        <translation>A reason for the refusal is required.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="692"/>
        <source>Đã từ chối tiếp nhận ({0}).</source>
        <translation>Refused ({0}).</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="834"/>
        <source>chưa có tên</source>
        <translation>no name yet</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="836"/>
        <source>Có một hồ sơ đang nhập dở từ {0} ({1}), chưa được tiếp nhận.</source>
        <translation>A dossier was being entered at {0} ({1}) and has not been received.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="880"/>
        <source>Đã mở lại hồ sơ đang nhập dở: kiểm tra rồi tiếp nhận.</source>
        <translation>The unfinished dossier is back: check it, then receive it.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="896"/>
        <source>Hồ sơ đang nhập dở</source>
        <translation>Unfinished dossier</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="897"/>
        <source>Hồ sơ đang nhập chưa được tiếp nhận.</source>
        <translation>The dossier being entered has not been received.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="900"/>
        <source>Giữ bản nháp: lần đăng nhập sau máy sẽ hỏi để nhập tiếp.</source>
        <translation>Keep the draft: the next login offers to continue it.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="902"/>
        <source>Giữ bản nháp</source>
        <translation>Keep the draft</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="904"/>
        <source>Để đó: quay lại trang Tiếp nhận là nhập tiếp được.</source>
        <translation>Leave it: come back to Intake to continue.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="905"/>
        <source>Để đó, nhập tiếp sau</source>
        <translation>Leave it, continue later</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="908"/>
        <source>Bỏ hồ sơ đang nhập</source>
        <translation>Discard this dossier</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="910"/>
        <source>Ở lại</source>
        <translation>Stay</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="623"/>
        <source>Chưa lưu: sửa các ô báo đỏ.</source>
        <translation>Not saved: correct the fields marked in red.</translation>
    </message>
</context>
<context>
    <name>ItemScans</name>
    <message>
        <location filename="../../ui/widgets/scans.py" line="471"/>
        <source>Đính kèm bản quét…</source>
        <translation>Attach scan…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scans.py" line="473"/>
        <source>Chọn tệp PDF, JPEG, PNG, TIFF (hoặc kéo thả tệp vào đây)</source>
        <translation>Choose a PDF, JPEG, PNG or TIFF file (or drop files here)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scans.py" line="490"/>
        <source>xuất trình, không cần quét</source>
        <translation>shown only, no scan needed</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scans.py" line="493"/>
        <source>{0} tệp</source>
        <translation>{0} file(s)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scans.py" line="496"/>
        <source>chưa có bản quét</source>
        <translation>no scan yet</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login.py" line="45"/>
        <source>Một Cửa — Đã khóa màn hình</source>
        <translation>Một Cửa — Screen locked</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="68"/>
        <source>Tên đăng nhập</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="69"/>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="70"/>
        <source>Ngôn ngữ</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="74"/>
        <source>Đăng nhập</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="75"/>
        <source>Thoát</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="100"/>
        <source>Màn hình đã khóa. {0}, nhập mật khẩu để tiếp tục.</source>
        <translation>The screen is locked. {0}, type your password to go on.</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="105"/>
        <source>Mở khóa</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="107"/>
        <source>Đổi người dùng</source>
        <translation>Switch user</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="144"/>
        <source>Nhập tên đăng nhập và mật khẩu.</source>
        <translation>Enter your user name and password.</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="147"/>
        <source>Đang kiểm tra…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="149"/>
        <source>Chỉ người đang làm việc mới mở khóa được.</source>
        <translation>Only the user who was working can unlock.</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="178"/>
        <source>Cần đổi mật khẩu để đăng nhập.</source>
        <translation>The password must be changed to log in.</translation>
    </message>
</context>
<context>
    <name>Nav</name>
    <message>
        <location filename="../../ui/pages/__init__.py" line="80"/>
        <location filename="../../ui/pages/admin.py" line="666"/>
        <source>Quản trị</source>
        <translation>Administration</translation>
    </message>
    <message>
        <location filename="../../ui/pages/__init__.py" line="76"/>
        <location filename="../../ui/pages/dossiers.py" line="56"/>
        <source>Hồ sơ</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <location filename="../../ui/pages/__init__.py" line="75"/>
        <location filename="../../ui/pages/intake.py" line="113"/>
        <source>Tiếp nhận</source>
        <translation>Intake</translation>
    </message>
    <message>
        <location filename="../../ui/pages/__init__.py" line="79"/>
        <location filename="../../ui/pages/reports.py" line="63"/>
        <source>Báo cáo</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../ui/pages/__init__.py" line="77"/>
        <location filename="../../ui/pages/returns.py" line="68"/>
        <source>Trả kết quả</source>
        <translation>Return</translation>
    </message>
    <message>
        <location filename="../../ui/pages/__init__.py" line="78"/>
        <location filename="../../ui/pages/sync_page.py" line="106"/>
        <source>Đồng bộ</source>
        <translation>Sync</translation>
    </message>
</context>
<context>
    <name>OfficePage</name>
    <message>
        <location filename="../../ui/setup_wizard.py" line="142"/>
        <source>Cơ quan</source>
        <translation>Office</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="144"/>
        <source>Tên và mã cơ quan trên Cổng dịch vụ công; tên in ở đầu các mẫu biểu.</source>
        <translation>The office&apos;s name and agency code on the public service portal; the name heading the forms.</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="146"/>
        <source>ví dụ: UBND phường Bến Nghé</source>
        <translation>e.g. UBND phường Bến Nghé</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="147"/>
        <source>ví dụ: 000.00.06.H56</source>
        <translation>e.g. 000.00.06.H56</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="148"/>
        <source>ví dụ: UBND TP. HỒ CHÍ MINH</source>
        <translation>e.g. UBND TP. HỒ CHÍ MINH</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="159"/>
        <source>Cơ quan cấp trên</source>
        <translation>Governing body</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="157"/>
        <source>Tên cơ quan *</source>
        <translation>Office name *</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="158"/>
        <source>Mã cơ quan *</source>
        <translation>Agency code *</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="160"/>
        <source>Tên in ở đầu mẫu biểu</source>
        <translation>Name heading the forms</translation>
    </message>
</context>
<context>
    <name>OfficePicker</name>
    <message>
        <location filename="../../ui/widgets/office_picker.py" line="22"/>
        <source>trả kết quả tại cơ quan đó</source>
        <translation>hand the result out there</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/office_picker.py" line="25"/>
        <source>Công dân chọn nhận kết quả tại cơ quan giải quyết thay vì tại đây</source>
        <translation>The citizen chose to collect the result at the resolving office instead of here</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/office_picker.py" line="50"/>
        <source> (cơ quan này)</source>
        <translation> (this office)</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../ui/account_dialogs.py" line="50"/>
        <source>Ít nhất 8 ký tự, có cả chữ và số (hoặc ký hiệu).</source>
        <translation>At least 8 characters, with letters and digits (or symbols).</translation>
    </message>
    <message>
        <location filename="../../ui/account_dialogs.py" line="58"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/account_dialogs.py" line="75"/>
        <source>Đang lưu…</source>
        <translation>Saving…</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <location filename="../../ui/pages/base.py" line="46"/>
        <source>Trang này đang được hoàn thiện.</source>
        <translation>This page is being finished.</translation>
    </message>
</context>
<context>
    <name>PrintPreview</name>
    <message>
        <location filename="../../ui/printing.py" line="136"/>
        <source>Xem trước khi in — {0}</source>
        <translation>Print preview — {0}</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="158"/>
        <source>In… (Ctrl+P)</source>
        <translation>Print… (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="160"/>
        <source>Lưu thành tệp PDF… (Ctrl+S)</source>
        <translation>Save as PDF file… (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="162"/>
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="208"/>
        <source>In {0}</source>
        <translation>Print {0}</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="218"/>
        <source>Không mở được máy in {0}</source>
        <translation>Cannot open printer {0}</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="290"/>
        <source>Đã lưu tệp PDF</source>
        <translation>PDF file saved</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="291"/>
        <source>Đã lưu {0} vào thư mục:</source>
        <translation>Saved {0} in the folder:</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="295"/>
        <source>Mở thư mục</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="259"/>
        <source>Lưu thành tệp PDF</source>
        <translation>Save as PDF file</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="263"/>
        <source>Tệp PDF (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="309"/>
        <source>Đã in.</source>
        <translation>Printed.</translation>
    </message>
</context>
<context>
    <name>ProcedurePicker</name>
    <message>
        <location filename="../../ui/widgets/procedure_picker.py" line="51"/>
        <source>Tìm thủ tục: tên (có dấu hoặc không) hoặc mã</source>
        <translation>Find a procedure: name (with or without accents) or code</translation>
    </message>
</context>
<context>
    <name>Progress</name>
    <message>
        <location filename="../../ui/widgets/progress.py" line="22"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../../ui/pages/reports.py" line="50"/>
        <source>Theo thủ tục</source>
        <translation>By procedure</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="51"/>
        <source>Theo cán bộ tiếp nhận</source>
        <translation>By receiving clerk</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="79"/>
        <source>Xem báo cáo</source>
        <translation>Show report</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="82"/>
        <source>Xuất Excel (XLSX)…</source>
        <translation>Export to Excel (XLSX)…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="88"/>
        <source>Từ ngày</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="90"/>
        <source>đến ngày</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="98"/>
        <source>Tổng hợp kỳ báo cáo</source>
        <translation>Period summary</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="101"/>
        <location filename="../../ui/pages/reports.py" line="122"/>
        <source>Tiếp nhận</source>
        <translation>Intake</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="102"/>
        <location filename="../../ui/pages/reports.py" line="123"/>
        <source>Đã giải quyết</source>
        <translation>Settled</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="103"/>
        <location filename="../../ui/pages/reports.py" line="133"/>
        <source>Tỷ lệ đúng hạn</source>
        <translation>On-time rate</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="104"/>
        <source>Giải quyết quá hạn</source>
        <translation>Settled late</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="105"/>
        <location filename="../../ui/pages/reports.py" line="132"/>
        <source>Đang giải quyết</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="106"/>
        <source>Đang giải quyết quá hạn</source>
        <translation>In progress, late</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="107"/>
        <source>Chỉ số hài lòng</source>
        <translation>Satisfaction index</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="121"/>
        <source>Nhóm</source>
        <translation>Group</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="124"/>
        <location filename="../../ui/pages/reports.py" line="221"/>
        <source>Trước hạn</source>
        <translation>Early</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="125"/>
        <location filename="../../ui/pages/reports.py" line="222"/>
        <source>Đúng hạn</source>
        <translation>On time</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="127"/>
        <location filename="../../ui/pages/reports.py" line="223"/>
        <source>Quá hạn</source>
        <translation>Late</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="204"/>
        <source>Chưa có hồ sơ nào trong kỳ này.</source>
        <translation>No dossiers in this period.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="217"/>
        <source>Hồ sơ đã giải quyết: trước hạn, đúng hạn, quá hạn</source>
        <translation>Settled dossiers: early, on time, late</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="261"/>
        <source>Xuất báo cáo</source>
        <translation>Export the report</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="263"/>
        <source>Bảng tính Excel (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="273"/>
        <source>Đã xuất: {0}</source>
        <translation>Exported: {0}</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <location filename="../../ui/account_dialogs.py" line="148"/>
        <source>Một Cửa — Đặt lại mật khẩu</source>
        <translation>Một Cửa — Reset password</translation>
    </message>
    <message>
        <location filename="../../ui/account_dialogs.py" line="151"/>
        <source>Mật khẩu tạm cho {0} ({1}). Người này phải đổi mật khẩu khi đăng nhập lần sau; tài khoản cũng được mở khóa.</source>
        <translation>A temporary password for {0} ({1}), to be changed at the next login; the account is unlocked too.</translation>
    </message>
    <message>
        <location filename="../../ui/account_dialogs.py" line="155"/>
        <source>Mật khẩu tạm</source>
        <translation>Temporary password</translation>
    </message>
    <message>
        <location filename="../../ui/account_dialogs.py" line="156"/>
        <source>Nhập lại</source>
        <translation>Again</translation>
    </message>
    <message>
        <location filename="../../ui/account_dialogs.py" line="157"/>
        <source>Đặt lại</source>
        <translation>Reset</translation>
    </message>
</context>
<context>
    <name>ReturnPage</name>
    <message>
        <location filename="../../ui/pages/returns.py" line="49"/>
        <source>Rất hài lòng</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns.py" line="50"/>
        <source>Hài lòng</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns.py" line="51"/>
        <source>Không hài lòng</source>
        <translation>Not satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns.py" line="83"/>
        <source>Quét mã QR trên giấy biên nhận, hoặc gõ họ tên, số định danh, số điện thoại, mã hồ sơ (hoặc vài số cuối) rồi Enter</source>
        <translation>Scan the receipt&apos;s QR code, or type a name, ID number, phone, dossier code (or its last digits), then Enter</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns.py" line="93"/>
        <source>Hồ sơ</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns.py" line="98"/>
        <location filename="../../ui/pages/returns.py" line="252"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns.py" line="99"/>
        <location filename="../../ui/pages/returns.py" line="253"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns.py" line="100"/>
        <location filename="../../ui/pages/returns.py" line="250"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns.py" line="101"/>
        <source>Ngày nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns.py" line="102"/>
        <location filename="../../ui/pages/returns.py" line="244"/>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns.py" line="103"/>
        <location filename="../../ui/pages/returns.py" line="246"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns.py" line="104"/>
        <source>Biên nhận</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns.py" line="117"/>
        <source>Trả kết quả (Ctrl+Enter)</source>
        <translation>Hand over the result (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns.py" line="121"/>
        <source>Trao kết quả</source>
        <translation>Hand-over</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns.py" line="123"/>
        <source>Người nhận kết quả</source>
        <translation>Received by</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns.py" line="128"/>
        <source>Mời công dân đánh giá mức độ hài lòng</source>
        <translation>Please rate our service</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns.py" line="156"/>
        <source>Trả kết quả cho công dân</source>
        <translation>Return results to citizens</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns.py" line="184"/>
        <source>Kết quả điện tử</source>
        <translation>Electronic result</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns.py" line="201"/>
        <source>Chưa có tệp kết quả điện tử.</source>
        <translation>No electronic result file yet.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns.py" line="209"/>
        <source>{0} trang, {1}, đính kèm lúc {2}</source>
        <translation>{0} page(s), {1}, attached at {2}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns.py" line="213"/>
        <source>chưa tải về từ tỉnh (đồng bộ để tải)</source>
        <translation>not yet downloaded from the province (sync to download)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns.py" line="219"/>
        <source>Mở tệp</source>
        <translation>Open file</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns.py" line="235"/>
        <source>Không mở được tệp: máy chưa có chương trình xem tệp này.</source>
        <translation>Cannot open the file: no program on this computer shows this kind of file.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns.py" line="251"/>
        <source>Số định danh</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns.py" line="263"/>
        <source>Hẹn trả đến hôm nay</source>
        <translation>Due by today</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns.py" line="265"/>
        <source>Tất cả kết quả chờ trả</source>
        <translation>All results waiting</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns.py" line="278"/>
        <location filename="../../ui/pages/returns.py" line="310"/>
        <source>Kết quả chờ trả</source>
        <translation>Results waiting to be handed over</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns.py" line="312"/>
        <source>{0} hồ sơ đã có kết quả, hẹn trả sớm nhất trước.</source>
        <translation>{0} dossiers with a result, earliest appointment first.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns.py" line="314"/>
        <source>Không có kết quả nào đang chờ trả.</source>
        <translation>No result is waiting to be handed over.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns.py" line="317"/>
        <source>Kết quả tìm kiếm</source>
        <translation>Search results</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns.py" line="319"/>
        <source>{0} hồ sơ khớp với “{1}”: chọn một dòng rồi Enter.</source>
        <translation>{0} dossiers match “{1}”: pick a row, then Enter.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns.py" line="349"/>
        <source>Đang tìm…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns.py" line="367"/>
        <source>Có {0} hồ sơ khớp: bấm ↓ để chọn trong danh sách.</source>
        <translation>{0} dossiers match: press ↓ to pick one in the list.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns.py" line="372"/>
        <source>Không tìm thấy hồ sơ nào theo “{0}”. Thử họ tên, số định danh, số điện thoại hoặc 4 số cuối của mã hồ sơ.</source>
        <translation>No dossier found for “{0}”. Try a name, ID number, phone number or the last 4 digits of the dossier code.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns.py" line="399"/>
        <source>do quầy này cấp</source>
        <translation>issued by this desk</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns.py" line="399"/>
        <source>do quầy khác cấp</source>
        <translation>issued by another desk</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns.py" line="402"/>
        <source>Chữ ký hợp lệ, {0}</source>
        <translation>Valid signature, {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns.py" line="407"/>
        <source>Mã gõ tay: đối chiếu giấy biên nhận và giấy tờ tùy thân của người nhận</source>
        <translation>Typed code: check the paper receipt and the recipient’s ID</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns.py" line="425"/>
        <source>Hồ sơ đã có kết quả: kiểm tra người nhận rồi bấm Ctrl+Enter.</source>
        <translation>The result is ready: check the recipient, then press Ctrl+Enter.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns.py" line="429"/>
        <source>Kết quả đã được trả lúc {0} cho {1}.</source>
        <translation>The result was already handed over at {0} to {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns.py" line="437"/>
        <source>Hồ sơ chưa có kết quả để trả (trạng thái: {0}).</source>
        <translation>There is no result to hand over yet (status: {0}).</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns.py" line="461"/>
        <source>Đã trả kết quả cho {0}.</source>
        <translation>Result handed over to {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/returns.py" line="477"/>
        <source>Cảm ơn! Đã ghi nhận đánh giá cho hồ sơ {0}.</source>
        <translation>Thank you! Rating recorded for dossier {0}.</translation>
    </message>
</context>
<context>
    <name>ScanChecker</name>
    <message>
        <location filename="../../ui/widgets/scans.py" line="138"/>
        <source>{0}: không kiểm tra được tệp ({1})</source>
        <translation>{0}: the file could not be checked ({1})</translation>
    </message>
</context>
<context>
    <name>ScanPanel</name>
    <message>
        <location filename="../../ui/widgets/scans.py" line="542"/>
        <source>Thư mục máy quét…</source>
        <translation>Scan folder…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scans.py" line="551"/>
        <source>Bản quét mới
(kéo vào thành phần
hoặc bấm Gắn vào):</source>
        <translation>New scans
(drag onto an item
or press Put on):</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scans.py" line="662"/>
        <source>Còn {0} thành phần chưa có bản quét</source>
        <translation>{0} checklist item(s) still without a scan</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scans.py" line="663"/>
        <source>Mọi thành phần cần quét đã có bản quét</source>
        <translation>Every item that needs a scan has one</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scans.py" line="689"/>
        <source>Đang mở thư mục máy quét {0}…</source>
        <translation>Opening the scan folder {0}…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scans.py" line="695"/>
        <source>Máy quét lưu vào: {0}</source>
        <translation>Scanner saves into: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scans.py" line="698"/>
        <source>Không mở được thư mục máy quét {0}: chọn lại.</source>
        <translation>Cannot open the scan folder {0}: choose it again.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scans.py" line="691"/>
        <source>Chưa chọn thư mục máy quét.</source>
        <translation>No scan folder chosen.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scans.py" line="717"/>
        <source>Bỏ qua bản quét này</source>
        <translation>Ignore this scan</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scans.py" line="720"/>
        <source>Gắn vào</source>
        <translation>Put on</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scans.py" line="721"/>
        <source>Gắn vào thành phần hồ sơ (hoặc kéo vào thành phần)</source>
        <translation>Put on a checklist item (or drag it onto the item)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scans.py" line="756"/>
        <source>Chọn bản quét</source>
        <translation>Choose scans</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scans.py" line="762"/>
        <source>Thư mục máy quét lưu bản quét</source>
        <translation>Folder the scanner saves into</translation>
    </message>
</context>
<context>
    <name>ScanTile</name>
    <message>
        <location filename="../../ui/widgets/scans.py" line="393"/>
        <source>{0}
{1} trang · {2:.1f} MB
Nháy đúp để mở</source>
        <translation>{0}
{1} page(s) · {2:.1f} MB
Double-click to open</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scans.py" line="411"/>
        <source>Mở</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scans.py" line="416"/>
        <source>Bỏ tệp này</source>
        <translation>Remove this file</translation>
    </message>
</context>
<context>
    <name>ServerPage</name>
    <message>
        <location filename="../../ui/setup_wizard.py" line="342"/>
        <source>Máy chủ tỉnh (không bắt buộc)</source>
        <translation>Provincial server (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="344"/>
        <source>Bỏ trống nếu chưa có: quầy vẫn làm việc ngoại tuyến và đồng bộ sau.</source>
        <translation>Leave empty if you have none yet: the counter works offline and syncs later.</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="349"/>
        <source>Địa chỉ máy chủ</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="350"/>
        <source>Mã truy cập của quầy</source>
        <translation>Desk token</translation>
    </message>
</context>
<context>
    <name>SessionControl</name>
    <message>
        <location filename="../../ui/session.py" line="60"/>
        <source>&amp;Tài khoản</source>
        <translation>&amp;Account</translation>
    </message>
    <message>
        <location filename="../../ui/session.py" line="62"/>
        <source>Đổi mật khẩu…</source>
        <translation>Change password…</translation>
    </message>
    <message>
        <location filename="../../ui/session.py" line="65"/>
        <source>Khóa màn hình</source>
        <translation>Lock screen</translation>
    </message>
    <message>
        <location filename="../../ui/session.py" line="68"/>
        <source>Đăng xuất / Đổi người dùng</source>
        <translation>Log out / Switch user</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../../ui/setup_wizard.py" line="391"/>
        <source>Một Cửa — Thiết lập quầy</source>
        <translation>Một Cửa — Set up this counter</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="416"/>
        <source>Tiếp →</source>
        <translation>Next →</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="417"/>
        <source>← Quay lại</source>
        <translation>← Back</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="418"/>
        <source>Hoàn tất</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="419"/>
        <source>Thoát</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="426"/>
        <source>Bước {0}/{1} — {2}</source>
        <translation>Step {0}/{1} — {2}</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="474"/>
        <source>tỉnh {0}, xã {1}</source>
        <translation>province {0}, commune {1}</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="478"/>
        <source>danh mục của tỉnh kèm theo ứng dụng</source>
        <translation>the province&apos;s catalogue bundled with the app</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="480"/>
        <source>để trống — nhập sau ở Quản trị → Thủ tục</source>
        <translation>empty — import later in Administration → Procedures</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="482"/>
        <source>chưa có — làm việc ngoại tuyến</source>
        <translation>none yet — working offline</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="484"/>
        <source>Cơ quan</source>
        <translation>Office</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="485"/>
        <source>Cơ quan cấp trên</source>
        <translation>Governing body</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="487"/>
        <source>Đơn vị</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="488"/>
        <source>Quầy</source>
        <translation>Desk</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="488"/>
        <source>{0}, số {1}</source>
        <translation>{0}, number {1}</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="489"/>
        <source>Người quản trị</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="490"/>
        <source>Danh mục thủ tục</source>
        <translation>Procedure catalogue</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="491"/>
        <source>Máy chủ tỉnh</source>
        <translation>Provincial server</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="486"/>
        <source>Tên đầu mẫu biểu</source>
        <translation>Forms headed by</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../ui/labels.py" line="12"/>
        <source>Đã tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="13"/>
        <source>Đang xử lý</source>
        <translation>Processing</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="14"/>
        <source>Yêu cầu bổ sung</source>
        <translation>Supplement requested</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="15"/>
        <source>Yêu cầu thực hiện nghĩa vụ tài chính</source>
        <translation>Payment requested</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="16"/>
        <source>Đã có kết quả</source>
        <translation>Result ready</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="17"/>
        <source>Đã trả kết quả</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="18"/>
        <source>Từ chối tiếp nhận</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="19"/>
        <source>Công dân rút hồ sơ</source>
        <translation>Withdrawn by the citizen</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="20"/>
        <source>Dừng xử lý</source>
        <translation>Stopped</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <location filename="../../ui/setup_wizard.py" line="361"/>
        <source>Xem lại và hoàn tất</source>
        <translation>Review and finish</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="362"/>
        <source>Kiểm tra lại; bấm Quay lại để sửa. Hoàn tất sẽ tạo văn phòng.</source>
        <translation>Check it; press Back to correct. Finish creates the office.</translation>
    </message>
</context>
<context>
    <name>SupervisorPage</name>
    <message>
        <location filename="../../ui/setup_wizard.py" line="236"/>
        <source>Người quản trị đầu tiên</source>
        <translation>First supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="238"/>
        <source>Tài khoản lãnh đạo/giám sát; tạo thêm cán bộ sau ở trang Quản trị.</source>
        <translation>A supervisor account; add clerks later on the Administration page.</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="245"/>
        <source>Tên đăng nhập *</source>
        <translation>User name *</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="246"/>
        <source>Họ tên *</source>
        <translation>Full name *</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="247"/>
        <source>Mật khẩu *</source>
        <translation>Password *</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="249"/>
        <source>Ít nhất 8 ký tự, có cả chữ và số (hoặc ký hiệu).</source>
        <translation>At least 8 characters, with letters and digits (or symbols).</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="248"/>
        <source>Nhập lại mật khẩu *</source>
        <translation>Repeat the password *</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="42"/>
        <source>Đang gửi hồ sơ lên tỉnh</source>
        <translation>Sending dossiers to the province</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="43"/>
        <source>Đang nhận thay đổi từ tỉnh</source>
        <translation>Receiving changes from the province</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="44"/>
        <source>Đang đối chiếu số liệu</source>
        <translation>Checking the figures</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="71"/>
        <source>Xung đột: ở đây «{0}», ở tỉnh «{1}»</source>
        <translation>Conflict: here «{0}», at the province «{1}»</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="74"/>
        <source>Mở hồ sơ, đối chiếu với cấp tỉnh, làm lại thay đổi nếu còn cần, rồi bấm “Đã xử lý xung đột”.</source>
        <translation>Open the dossier, compare with the province, redo the change if still needed, then press &quot;Conflict resolved&quot;.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="87"/>
        <source>Tỉnh từ chối: {0}</source>
        <translation>Refused by the province: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="88"/>
        <source>không rõ lý do</source>
        <translation>reason unknown</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="90"/>
        <source>Sửa thông tin hồ sơ theo lỗi (hoặc báo bộ phận kỹ thuật), rồi Đồng bộ ngay.</source>
        <translation>Correct the dossier as the error says (or tell the technical staff), then Sync now.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="122"/>
        <source>Đồng bộ ngay</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="126"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="152"/>
        <source>Bắt đầu</source>
        <translation>Started</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="153"/>
        <source>Kết quả</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="154"/>
        <source>Đã gửi</source>
        <translation>Sent</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="155"/>
        <source>Đã nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="156"/>
        <source>Xung đột</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="157"/>
        <source>Còn chờ</source>
        <translation>Still waiting</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="158"/>
        <source>Lỗi</source>
        <translation>Errors</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="165"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="166"/>
        <source>Vấn đề</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="167"/>
        <source>Cần làm</source>
        <translation>What to do</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="173"/>
        <source>Đã xử lý xung đột</source>
        <translation>Conflict resolved</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="178"/>
        <source>Nhật ký đồng bộ</source>
        <translation>Sync log</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="180"/>
        <source>Hồ sơ lỗi hoặc xung đột</source>
        <translation>Dossiers in error or conflict</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="209"/>
        <source>Máy chủ tỉnh: {0}</source>
        <translation>Provincial server: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="213"/>
        <source>Chưa cấu hình máy chủ tỉnh: hồ sơ được lưu an toàn tại quầy và chờ gửi. Nhập địa chỉ máy chủ và mã truy cập ở trang Quản trị → Cơ quan.</source>
        <translation>No provincial server configured: dossiers are kept safe at this desk and wait to be sent. Enter the server address and access token under Administration → Office.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="219"/>
        <source>Thay đổi chờ gửi lên tỉnh: {0}</source>
        <translation>Changes waiting to be sent: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="225"/>
        <source>Không có hồ sơ nào cần xử lý.</source>
        <translation>No dossier needs attention.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="227"/>
        <source>{0} hồ sơ cần xử lý.</source>
        <translation>{0} dossiers need attention.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="234"/>
        <source>Dở dang</source>
        <translation>Interrupted</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="235"/>
        <source>Thành công</source>
        <translation>Succeeded</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="235"/>
        <source>Có lỗi</source>
        <translation>Failed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="261"/>
        <source>Đang kết nối máy chủ tỉnh…</source>
        <translation>Connecting to the provincial server…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="263"/>
        <source>Đang đồng bộ tự động…</source>
        <translation>Background sync running…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="267"/>
        <source>Đang chờ lượt đồng bộ tự động xong, rồi đồng bộ ngay…</source>
        <translation>Waiting for the background sync to finish, then syncing…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="251"/>
        <source>Đang dừng sau bước hiện tại…</source>
        <translation>Stopping after the current step…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="41"/>
        <source>Đang lấy lại từ tỉnh những gì quầy đã gửi</source>
        <translation>Taking back from the province what this desk had sent</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="297"/>
        <source>Chọn một dòng xung đột trong bảng trước.</source>
        <translation>Choose a conflict row in the table first.</translation>
    </message>
</context>
<context>
    <name>SyncService</name>
    <message>
        <location filename="../../ui/sync_service.py" line="75"/>
        <source>Xong: gửi {0}, nhận {1}, xung đột {2}.</source>
        <translation>Done: sent {0}, received {1}, conflicts {2}.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_service.py" line="79"/>
        <source>Đồng bộ tự động đang tắt (bật lại ở Quản trị → Cơ quan).</source>
        <translation>Background sync is off (switch it on in Administration → Office).</translation>
    </message>
    <message>
        <location filename="../../ui/sync_service.py" line="83"/>
        <source>Chưa cấu hình máy chủ tỉnh: hồ sơ được lưu an toàn tại quầy và chờ gửi.</source>
        <translation>No provincial server configured: dossiers are kept safe at the desk and wait to be sent.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_service.py" line="87"/>
        <source>Mạng/máy chủ tỉnh không trả lời — sẽ tự thử lại. Hồ sơ vẫn lưu an toàn tại quầy.</source>
        <translation>The network or the provincial server does not answer — will retry by itself. Dossiers stay safe at the desk.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_service.py" line="92"/>
        <source>Máy chủ tỉnh không nhận mã của quầy này — cần đăng ký lại quầy: xin tỉnh mã mới và nhập ở Quản trị → Cơ quan.</source>
        <translation>The provincial server refuses this desk&apos;s token — the desk must be enrolled again: ask the province for a new token and enter it in Administration → Office.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_service.py" line="98"/>
        <source>Máy chủ tỉnh đang gặp lỗi — sẽ tự thử lại; nếu kéo dài, báo bộ phận kỹ thuật của tỉnh.</source>
        <translation>The provincial server has a problem — will retry by itself; if it lasts, tell the province&apos;s technicians.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_service.py" line="103"/>
        <source>Tỉnh chưa nhận một số hồ sơ: xem từng hồ sơ và lý do trong bảng bên dưới.</source>
        <translation>The province did not accept some dossiers: see each one and why in the table below.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_service.py" line="108"/>
        <source>Đã hủy. Lần đồng bộ sau sẽ tiếp tục từ chỗ dừng.</source>
        <translation>Cancelled. The next sync resumes from here.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_service.py" line="112"/>
        <source>Có lỗi: {0}</source>
        <translation>Error: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/sync_service.py" line="113"/>
        <source>Không đồng bộ được: {0}</source>
        <translation>Could not sync: {0}</translation>
    </message>
</context>
<context>
    <name>SyncState</name>
    <message>
        <location filename="../../ui/dossier_model.py" line="53"/>
        <source>Chờ gửi</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_model.py" line="54"/>
        <source>Đang gửi</source>
        <translation>Sending</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_model.py" line="55"/>
        <source>Đã đồng bộ</source>
        <translation>Synced</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_model.py" line="56"/>
        <source>Lỗi đồng bộ</source>
        <translation>Sync error</translation>
    </message>
</context>
<context>
    <name>UnitPage</name>
    <message>
        <location filename="../../ui/setup_wizard.py" line="189"/>
        <source>Đơn vị hành chính xã</source>
        <translation>Commune unit</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="190"/>
        <source>Mã theo danh mục đơn vị hành chính; bỏ trống nếu chưa có.</source>
        <translation>Codes from the list of administrative units; leave empty if unknown.</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="191"/>
        <source>ví dụ: 79</source>
        <translation>e.g. 79</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="192"/>
        <source>ví dụ: 26740</source>
        <translation>e.g. 26740</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="193"/>
        <source>ví dụ: Số 1 Lê Duẩn</source>
        <translation>e.g. Số 1 Lê Duẩn</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="196"/>
        <source>Mã tỉnh</source>
        <translation>Province code</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="197"/>
        <source>Mã xã/phường</source>
        <translation>Commune code</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="198"/>
        <source>Địa chỉ trụ sở</source>
        <translation>Office address</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="199"/>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <location filename="../../ui/pages/users_tab.py" line="35"/>
        <source>Cán bộ một cửa</source>
        <translation>Counter clerk</translation>
    </message>
    <message>
        <location filename="../../ui/pages/users_tab.py" line="36"/>
        <source>Lãnh đạo/giám sát</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/pages/users_tab.py" line="46"/>
        <source>Đã vô hiệu hóa</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location filename="../../ui/pages/users_tab.py" line="48"/>
        <source>Đang khóa đến {0}</source>
        <translation>Locked until {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/users_tab.py" line="52"/>
        <source>Phải đổi mật khẩu</source>
        <translation>Must change password</translation>
    </message>
    <message>
        <location filename="../../ui/pages/users_tab.py" line="53"/>
        <source>Đang dùng</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../ui/pages/users_tab.py" line="75"/>
        <location filename="../../ui/pages/users_tab.py" line="156"/>
        <source>Tên đăng nhập</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/users_tab.py" line="79"/>
        <location filename="../../ui/pages/users_tab.py" line="157"/>
        <source>Họ tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/users_tab.py" line="82"/>
        <location filename="../../ui/pages/users_tab.py" line="158"/>
        <source>Vai trò</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../ui/pages/users_tab.py" line="86"/>
        <source>Trạng thái</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../ui/pages/users_tab.py" line="113"/>
        <source>Người dùng đã chọn</source>
        <translation>Selected user</translation>
    </message>
    <message>
        <location filename="../../ui/pages/users_tab.py" line="115"/>
        <source>Đặt lại mật khẩu…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/users_tab.py" line="119"/>
        <source>Mở khóa</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../ui/pages/users_tab.py" line="123"/>
        <source>Vô hiệu hóa</source>
        <translation>Disable</translation>
    </message>
    <message>
        <location filename="../../ui/pages/users_tab.py" line="127"/>
        <source>Cho dùng lại</source>
        <translation>Enable</translation>
    </message>
    <message>
        <location filename="../../ui/pages/users_tab.py" line="138"/>
        <location filename="../../ui/pages/users_tab.py" line="151"/>
        <source>Thêm người dùng</source>
        <translation>Add user</translation>
    </message>
    <message>
        <location filename="../../ui/pages/users_tab.py" line="159"/>
        <source>Mật khẩu ban đầu</source>
        <translation>Initial password</translation>
    </message>
    <message>
        <location filename="../../ui/pages/users_tab.py" line="164"/>
        <source>Khóa màn hình khi không dùng</source>
        <translation>Lock the screen when unused</translation>
    </message>
    <message>
        <location filename="../../ui/pages/users_tab.py" line="168"/>
        <source> phút</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../ui/pages/users_tab.py" line="169"/>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/pages/users_tab.py" line="172"/>
        <source>Sau</source>
        <translation>After</translation>
    </message>
    <message>
        <location filename="../../ui/pages/users_tab.py" line="223"/>
        <source>Chọn một người dùng trong bảng trước.</source>
        <translation>Select a user in the table first.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/users_tab.py" line="238"/>
        <source>Đã thêm {0}.</source>
        <translation>Added {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/users_tab.py" line="250"/>
        <source>Đã mở khóa {0}.</source>
        <translation>Unlocked {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/users_tab.py" line="260"/>
        <source>Đã vô hiệu hóa {0}.</source>
        <translation>Disabled {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/users_tab.py" line="270"/>
        <source>{0} dùng lại được.</source>
        <translation>{0} can log in again.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/users_tab.py" line="282"/>
        <source>Đã đặt lại mật khẩu của {0}: phải đổi khi đăng nhập lần sau.</source>
        <translation>Password of {0} reset: to be changed at the next login.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/users_tab.py" line="296"/>
        <source>Màn hình tự khóa sau {0} phút không dùng.</source>
        <translation>The screen locks after {0} minutes unused.</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../ui/errors.py" line="39"/>
        <source>Họ tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="40"/>
        <source>Số định danh</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="41"/>
        <source>Số điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="42"/>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="43"/>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="44"/>
        <source>Ngày sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="45"/>
        <source>Giới tính</source>
        <translation>Gender</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="46"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="47"/>
        <source>Giấy tờ</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="48"/>
        <source>Số bộ</source>
        <translation>Sets</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="49"/>
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="50"/>
        <source>Người nhận</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="51"/>
        <source>Tên đăng nhập</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="52"/>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="53"/>
        <source>Mã cơ quan</source>
        <translation>Agency code</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="54"/>
        <source>Tên cơ quan</source>
        <translation>Office name</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="56"/>
        <source>Số định danh chủ hồ sơ</source>
        <translation>Owner’s ID number</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="57"/>
        <source>Ghi chú</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="58"/>
        <source>Mã QR</source>
        <translation>QR code</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="59"/>
        <source>Mã tỉnh</source>
        <translation>Province code</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="60"/>
        <source>Mã xã/phường</source>
        <translation>Commune code</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="61"/>
        <source>Tên quầy</source>
        <translation>Desk name</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="62"/>
        <source>Số quầy</source>
        <translation>Desk number</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="63"/>
        <source>Địa chỉ máy chủ</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="64"/>
        <source>Mã truy cập</source>
        <translation>Token</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="65"/>
        <source>Mật khẩu mới</source>
        <translation>New password</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="66"/>
        <source>Tệp</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="67"/>
        <source>Khóa màn hình sau</source>
        <translation>Lock the screen after</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="73"/>
        <source>Thông tin chưa hợp lệ</source>
        <translation>Invalid information</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="74"/>
        <source>Không đăng nhập được</source>
        <translation>Cannot log in</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="75"/>
        <source>Không có quyền</source>
        <translation>Not allowed</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="76"/>
        <source>Không tìm thấy</source>
        <translation>Not found</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="77"/>
        <source>Không chuyển được trạng thái</source>
        <translation>Status change not allowed</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="78"/>
        <source>Quầy chưa được thiết lập</source>
        <translation>Counter not set up</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="79"/>
        <source>Lỗi cơ sở dữ liệu</source>
        <translation>Database error</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="80"/>
        <source>Không thực hiện được</source>
        <translation>Could not be done</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="81"/>
        <source>Lỗi tệp hoặc thiết bị</source>
        <translation>File or device error</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="88"/>
        <source>Lỗi không mong đợi</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="104"/>
        <source>Không có quyền ghi/đọc tệp: {0}</source>
        <translation>No permission to read/write the file: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="108"/>
        <source>Không ghi/đọc được: {0}</source>
        <translation>Cannot read/write: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="111"/>
        <source>Đã xảy ra lỗi không mong đợi ({0}). Chi tiết đã được ghi vào nhật ký; hãy báo cho bộ phận kỹ thuật.</source>
        <translation>An unexpected error occurred ({0}). The details are in the log; please tell technical support.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="55"/>
        <source>Tên in ở đầu mẫu biểu</source>
        <translation>Name heading the forms</translation>
    </message>
</context>
</TS>
