"""HubSpot's official Python client against `hubtui serve`: create, read, page, update,
upsert, batch read and archive without a deserialisation error. Run by tests/sdk/run.sh."""
import sys, hubspot
from hubspot.crm.objects import SimplePublicObjectInputForCreate, SimplePublicObjectInput, BatchInputSimplePublicObjectBatchInputUpsert, SimplePublicObjectBatchInputUpsert, BatchReadInputSimplePublicObjectId, SimplePublicObjectId, BatchInputSimplePublicObjectId
BASE = sys.argv[1]
c = hubspot.Client.create(access_token="local", host=BASE)
api = c.crm.objects
page = api.basic_api.get_page("2-3465404", limit=10, properties=["make", "model"])
assert len(page.results) == 10 and page.paging.next.after
allcars = api.get_all("2-3465404", properties=["VIN"])
n_cars = len(allcars)
assert n_cars > 10
created = api.basic_api.create("2-3465404", simple_public_object_input_for_create=SimplePublicObjectInputForCreate(properties={"VIN": "SDK1", "year": "2026", "make": "BMW", "model": "X1", "price": "51000"}))
assert created.properties["price"] == "51000"
got = api.basic_api.get_by_id("2-3465404", created.id, properties=["price"], properties_with_history=["price"])
assert got.properties["price"] == "51000" and len(got.properties_with_history["price"]) == 1
upd = api.basic_api.update("2-3465404", created.id, simple_public_object_input=SimplePublicObjectInput(properties={"price": "45000"}))
assert upd.properties["price"] == "45000"
ups = api.batch_api.upsert("2-3465404", batch_input_simple_public_object_batch_input_upsert=BatchInputSimplePublicObjectBatchInputUpsert(inputs=[
  SimplePublicObjectBatchInputUpsert(id="SDK1", id_property="VIN", properties={"price": "4000"}),
  SimplePublicObjectBatchInputUpsert(id="SDK2", id_property="VIN", properties={"price": "5000", "year": "2020", "make": "Acura", "model": "NSX"})]))
assert [r.new for r in ups.results] == [False, True] and ups.results[0].id == created.id
br = api.batch_api.read("2-3465404", batch_read_input_simple_public_object_id=BatchReadInputSimplePublicObjectId(properties=["price"], properties_with_history=[], id_property="VIN", inputs=[SimplePublicObjectId(id="SDK1"), SimplePublicObjectId(id="SDK2")]))
assert [r.properties["price"] for r in br.results] == ["4000", "5000"]
api.basic_api.archive("2-3465404", created.id)
api.batch_api.archive("2-3465404", batch_input_simple_public_object_id=BatchInputSimplePublicObjectId(inputs=[SimplePublicObjectId(id=ups.results[1].id)]))
assert len(api.get_all("2-3465404")) == n_cars
props = c.crm.properties.core_api.get_all("2-3465404")
assert any(p.name == "VIN" and p.has_unique_value for p in props.results)
sch = c.crm.schemas.core_api.get_all()
assert [s.object_type_id for s in sch.results] == ["2-3465404"]
contacts = c.crm.contacts.basic_api.get_page(limit=5, associations=["companies"])
assert len(contacts.results) == 5 and "companies" in (contacts.results[0].associations or {})

# Search with every filter shape through the SDK's own models.
from hubspot.crm.objects import PublicObjectSearchRequest, Filter, FilterGroup
def search(filters, **kw):
    req = PublicObjectSearchRequest(filter_groups=[FilterGroup(filters=filters)], **kw)
    return api.search_api.do_search("2-3465404", public_object_search_request=req)
res = search([Filter(property_name="year", operator="EQ", value="2026"), Filter(property_name="price", operator="GT", value="50000")],
             sorts=[{"propertyName": "price", "direction": "DESCENDING"}], properties=["year", "price"], limit=100, after="0")
assert all(r.properties["year"] == "2026" and float(r.properties["price"]) > 50000 for r in res.results)
prices = [float(r.properties["price"]) for r in res.results]
assert prices == sorted(prices, reverse=True)
for f in [Filter(property_name="price", operator="BETWEEN", value="10000", high_value="20000"),
          Filter(property_name="make", operator="IN", values=["bmw", "audi"]),
          Filter(property_name="make", operator="NOT_IN", values=["bmw"]),
          Filter(property_name="maintenance_package", operator="HAS_PROPERTY"),
          Filter(property_name="maintenance_package", operator="NOT_HAS_PROPERTY"),
          Filter(property_name="dealership", operator="CONTAINS_TOKEN", value="maz*"),
          Filter(property_name="dealership", operator="NOT_CONTAINS_TOKEN", value="mazda"),
          Filter(property_name="model", operator="NEQ", value="X1"),
          Filter(property_name="year", operator="LTE", value="2018")]:
    r = search([f], limit=5)
    assert r.total >= 0 and len(r.results) <= 5
q = api.search_api.do_search("2-3465404", public_object_search_request=PublicObjectSearchRequest(query="mazda", limit=3))
assert q.total > 0 and q.paging.next.after == "3"
print("1 passed, 0 failed: HubSpot's Python client search_api.do_search (every filter shape) works against hubtui serve")

# v4 associations through the SDK.
from hubspot.crm.associations.v4 import AssociationSpec
assoc = c.crm.associations.v4
car_id = page.results[0].id
contact_id = contacts.results[0].id
labels = assoc.schema.definitions_api.get_all("2-3465404", "0-1")
type_id = labels.results[0].type_id
made = assoc.basic_api.create("2-3465404", car_id, "0-1", contact_id, [AssociationSpec(association_category="USER_DEFINED", association_type_id=type_id)])
assert str(made.to_object_id) == str(contact_id)
listed = assoc.basic_api.get_page("2-3465404", car_id, "0-1", limit=500)
assert any(str(r.to_object_id) == str(contact_id) for r in listed.results)
assoc.basic_api.archive("2-3465404", car_id, "0-1", contact_id)
listed = assoc.basic_api.get_page("2-3465404", car_id, "0-1", limit=500)
assert not any(str(r.to_object_id) == str(contact_id) for r in listed.results)
print("1 passed, 0 failed: HubSpot's Python client v4 association calls work against hubtui serve")
