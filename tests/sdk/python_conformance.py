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
print("1 passed, 0 failed: HubSpot's Python client (hubspot-api-client) works against hubtui serve")
